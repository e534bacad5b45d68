using System.Numerics.Tensors;
using Crossbar.Config;
using Crossbar.Devices;
using Crossbar.Numerics;

namespace Crossbar.Tiles;

/// <summary>
/// A crossbar tile holding one weight matrix as conductance pairs, W = gain·(ΣG⁺ − ΣG⁻), with
/// <see cref="DevicesPerSign"/> devices per sign (multi-memristive synapse, 004 Outlook).
/// Layout shared with the float network: row i = input neuron i (plus a bias row driven by 1 when
/// <see cref="Bias"/> is on), column j = output neuron j, rows contiguous. Forward is y = Σ_i x_i·W[i,:] and
/// backward δ_in[i] = W[i,:]·δ, both on the devices' present conductances.
/// </summary>
/// <remarks>
/// Devices are stored plane by plane: plane p = sign·N + k holds device k of that sign for every synapse, as a
/// row-major rows×columns block, so a row of one plane is contiguous. The effective weight matrix is cached and kept
/// up to date element by element as pulses land; with drift or decay it is re-read from all devices every
/// <c>read_refresh</c> examples. Read noise is applied per read, as output noise with the exact variance
/// Σ_i x_i²·Var(W[i,j]) of independent Gaussian device noise, which costs one extra pass instead of one deviate
/// per device.
/// </remarks>
public sealed class AnalogTile : ICheckpointState
{
    private readonly float[] _weights;
    private readonly float[]? _variance;
    private readonly double[] _rowScratch;
    private readonly double[] _accScratch;
    private readonly float[] _inputScratch;
    private readonly float[] _squareScratch;
    private readonly float[] _noiseScratch;
    private readonly Quantizer _input;
    private readonly Quantizer _output;
    private readonly bool _readNoise;
    private readonly bool _directRead; // one device per weight, no X, no time effects, no read noise: W = gain·G
    private readonly int _planeSize;
    private CounterRng _readRng;
    private bool _stale;
    private int _activeDevice;
    private int _examplesSinceRefresh;

    public AnalogTile(int inputs, int outputs, bool bias, DeviceConfig device, TileConfig? tile = null,
                      ulong seed = 1, int index = 0, string? baseDirectory = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        Config = tile ?? new TileConfig();
        Inputs = inputs;
        Outputs = outputs;
        Bias = bias;
        Rows = inputs + (bias ? 1 : 0);
        Columns = outputs;
        DevicesPerSign = Config.DevicesPerSign;
        Signs = Config.Pair == SynapsePair.Differential ? 2 : 1;
        Gain = Config.Gain;
        _planeSize = Rows * Columns;
        long count = (long)_planeSize * Signs * DevicesPerSign;
        if (count > int.MaxValue / 2)
        {
            throw new CrossbarException($"tile of {Rows}×{Columns} with {Signs * DevicesPerSign} devices per weight is too large");
        }
        ulong tileSeed = CounterRng.StreamKey(seed, "tile", (ulong)index);
        Devices = DeviceFactory.Create(device, (int)count, tileSeed, baseDirectory);
        _readRng = CounterRng.ForStream(tileSeed, "tile-read-noise");
        _weights = new float[_planeSize];
        _readNoise = Devices.HasReadNoise;
        if (_readNoise)
        {
            _variance = new float[_planeSize];
        }
        _rowScratch = new double[Columns];
        _accScratch = new double[Columns];
        _inputScratch = new float[Rows];
        _squareScratch = new float[Math.Max(Rows, Columns)];
        _noiseScratch = new float[Math.Max(Rows, Columns)];
        _input = Config.InputLevels > 0 ? new Quantizer(Config.InputMin, Config.InputMax, Config.InputLevels) : default;
        _output = Config.OutputLevels > 0 || Config.OutputRange > 0
            ? new Quantizer(-Config.OutputRange, Config.OutputRange, Config.OutputLevels)
            : default;
        _stale = true;
        _directRead = Signs * DevicesPerSign == 1 && !Devices.TimeDependent && !Devices.FlickerNoise && Devices.Variation is null && !_readNoise;
    }

    public TileConfig Config { get; }

    public int Inputs { get; }

    public int Outputs { get; }

    public bool Bias { get; }

    /// <summary>Inputs plus the bias row.</summary>
    public int Rows { get; }

    public int Columns { get; }

    public int DevicesPerSign { get; }

    /// <summary>2 for G⁺/G⁻ pairs, 1 for single devices.</summary>
    public int Signs { get; }

    public double Gain { get; }

    /// <summary>All devices of the tile (pulse counts, energy, hidden parameters).</summary>
    public DeviceArray Devices { get; }

    /// <summary>Which of the N devices per sign receives pulses (Boybat 2018 arbitration; see <see cref="RotateActiveDevice"/>).</summary>
    public int ActiveDevice
    {
        get => _activeDevice;
        set => _activeDevice = (uint)value < (uint)DevicesPerSign
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), $"active device {value} is outside 0..{DevicesPerSign - 1}");
    }

    /// <summary>Simulated time in seconds.</summary>
    public double Time => Devices.Clock;

    /// <summary>Examples seen (advances of the clock).</summary>
    public long Examples { get; private set; }

    /// <summary>Moves the pulse target to the next of the N devices per sign (round robin).</summary>
    public void RotateActiveDevice() => ActiveDevice = (ActiveDevice + 1) % DevicesPerSign;

    /// <summary>Index in <see cref="Devices"/> of device k of a sign at (row, col).</summary>
    public int DeviceIndex(int row, int col, SynapseSign sign = SynapseSign.Plus, int k = 0)
    {
        if ((uint)row >= (uint)Rows || (uint)col >= (uint)Columns || (int)sign >= Signs || (uint)k >= (uint)DevicesPerSign)
        {
            throw new ArgumentOutOfRangeException(nameof(row), $"({row}, {col}, {sign}, {k}) is outside the tile");
        }
        return ((int)sign * DevicesPerSign + k) * _planeSize + row * Columns + col;
    }

    /// <summary>Advances the simulated clock by <paramref name="examples"/> × time_per_example.</summary>
    public void AdvanceExample(int examples = 1)
    {
        Examples += examples;
        Devices.Clock += examples * Config.TimePerExample;
        if (Devices.TimeDependent || Devices.FlickerNoise)
        {
            _examplesSinceRefresh += examples;
            if (_examplesSinceRefresh >= Config.ReadRefresh)
            {
                _stale = true;
            }
        }
    }

    /// <summary>
    /// Checkpoint state: the devices, and the cached weights exactly as they are (with drift they are re-read only
    /// every read_refresh examples, so a fresh read would differ), the refresh position, read-noise stream, active device.
    /// </summary>
    public void SaveState(BinaryWriter writer)
    {
        Devices.SaveState(writer);
        StateIO.WriteArray<float>(writer, _weights);
        if (_variance is not null)
        {
            StateIO.WriteArray<float>(writer, _variance);
        }
        _readRng.Save(writer);
        writer.Write(_stale);
        writer.Write(_activeDevice);
        writer.Write(_examplesSinceRefresh);
        writer.Write(Examples);
    }

    public void LoadState(BinaryReader reader)
    {
        Devices.LoadState(reader);
        StateIO.ReadArray<float>(reader, _weights, "tile weights");
        if (_variance is not null)
        {
            StateIO.ReadArray<float>(reader, _variance, "tile read-noise variances");
        }
        _readRng.Load(reader, "tile read noise");
        _stale = reader.ReadBoolean();
        ActiveDevice = reader.ReadInt32();
        _examplesSinceRefresh = reader.ReadInt32();
        Examples = reader.ReadInt64();
    }

    /// <summary>Sets the clock directly (seconds), e.g. to read a trained tile long after programming.</summary>
    public void SetTime(double seconds)
    {
        Devices.Clock = seconds;
        _stale = true;
    }

    /// <summary>The present effective weights, Rows×Columns row-major (bias row last); cached.</summary>
    public ReadOnlySpan<float> Weights
    {
        get
        {
            Refresh();
            return _weights;
        }
    }

    /// <summary>Weight (i, j) as presently read (no read noise).</summary>
    public float Weight(int row, int col) => Weights[row * Columns + col];

    /// <summary>Copies the present effective weights into <paramref name="dest"/> (Rows×Columns).</summary>
    public void CopyWeights(Span<float> dest) => Weights.CopyTo(dest);

    /// <summary>
    /// y = Σ_i x_i·W[i,:] (+ bias row), with input quantisation, read noise and output quantisation as configured.
    /// </summary>
    public void Forward(ReadOnlySpan<float> x, Span<float> y)
    {
        if (x.Length != Inputs || y.Length != Outputs)
        {
            throw new ArgumentException($"forward expects {Inputs} inputs and {Outputs} outputs, got {x.Length} and {y.Length}");
        }
        Refresh();
        var xs = _inputScratch.AsSpan(0, Rows);
        if (_input.Levels > 1)
        {
            _input.Apply(x, xs[..Inputs]);
        }
        else
        {
            x.CopyTo(xs);
        }
        if (Bias)
        {
            xs[Inputs] = 1f;
        }
        y.Clear();
        var w = _weights.AsSpan();
        for (int i = 0; i < Rows; i++)
        {
            float xi = xs[i];
            if (xi != 0f)
            {
                TensorPrimitives.MultiplyAdd(w.Slice(i * Columns, Columns), xi, y, y);
            }
        }
        if (_readNoise)
        {
            var s = _squareScratch.AsSpan(0, Columns);
            s.Clear();
            var v = _variance.AsSpan();
            for (int i = 0; i < Rows; i++)
            {
                float xi = xs[i];
                if (xi != 0f)
                {
                    TensorPrimitives.MultiplyAdd(v.Slice(i * Columns, Columns), xi * xi, s, s);
                }
            }
            AddNoise(y, s);
        }
        if (_output.Enabled)
        {
            _output.Apply(y, y);
        }
    }

    /// <summary>δ_in[i] = W[i,:]·δ for the input rows (the bias row receives no error), with read noise.</summary>
    public void Backward(ReadOnlySpan<float> delta, Span<float> deltaIn)
    {
        if (delta.Length != Outputs || deltaIn.Length != Inputs)
        {
            throw new ArgumentException($"backward expects {Outputs} errors and {Inputs} outputs, got {delta.Length} and {deltaIn.Length}");
        }
        Refresh();
        var w = _weights.AsSpan();
        for (int i = 0; i < Inputs; i++)
        {
            deltaIn[i] = TensorPrimitives.Dot(w.Slice(i * Columns, Columns), delta);
        }
        if (_readNoise)
        {
            var d2 = _noiseScratch.AsSpan(0, Columns);
            TensorPrimitives.Multiply(delta, delta, d2);
            var s = _squareScratch.AsSpan(0, Inputs);
            var v = _variance.AsSpan();
            for (int i = 0; i < Inputs; i++)
            {
                s[i] = TensorPrimitives.Dot(v.Slice(i * Columns, Columns), d2);
            }
            AddNoise(deltaIn, s);
        }
    }

    private void AddNoise(Span<float> values, ReadOnlySpan<float> variance)
    {
        for (int j = 0; j < values.Length; j++)
        {
            values[j] += MathF.Sqrt(variance[j]) * (float)_readRng.NextGaussian();
        }
    }

    /// <summary>
    /// Pulses on the active device of each sign of synapse (row, col): a positive count is that many SET pulses,
    /// a negative count RESET pulses (e.g. plus = +2 potentiates G⁺ twice; minus = −1 depresses G⁻ once).
    /// </summary>
    public void ApplyPulses(int row, int col, int plusPulses, int minusPulses)
    {
        if ((uint)row >= (uint)Rows || (uint)col >= (uint)Columns)
        {
            throw new ArgumentOutOfRangeException(nameof(row), $"({row}, {col}) is outside the {Rows}×{Columns} tile");
        }
        int cell = row * Columns + col;
        if (plusPulses != 0)
        {
            Pulse(ActiveDevice * _planeSize + cell, plusPulses);
        }
        if (minusPulses != 0)
        {
            if (Signs == 1)
            {
                throw new InvalidOperationException("a single-device tile has no G⁻ device");
            }
            Pulse((DevicesPerSign + ActiveDevice) * _planeSize + cell, minusPulses);
        }
        UpdateCachedWeight(row, col);
    }

    /// <summary>
    /// Row-wise update: device (row, j) of <paramref name="sign"/> (active device) gets <c>pulses[j]</c> pulses,
    /// SET when positive, RESET when negative, none when 0.
    /// </summary>
    public void ApplyRowPulses(int row, SynapseSign sign, ReadOnlySpan<int> pulses)
    {
        if (pulses.Length != Columns)
        {
            throw new ArgumentException($"expected {Columns} pulse counts, got {pulses.Length}");
        }
        int start = DeviceIndex(row, 0, sign, ActiveDevice);
        for (int j = 0; j < pulses.Length; j++)
        {
            int n = pulses[j];
            if (n != 0)
            {
                Pulse(start + j, n);
                UpdateCachedWeight(row, j);
            }
        }
    }

    /// <summary>
    /// Ideal weight change (no pulses counted): +ΔW/2 on G⁺ and −ΔW/2 on G⁻ of the active devices, each clipped to
    /// its window — the software-equivalent reference update on a tile.
    /// </summary>
    public void AddIdealWeight(int row, int col, float deltaWeight)
    {
        double dg = deltaWeight / Gain;
        if (Signs == 2)
        {
            Devices.AddIdeal(DeviceIndex(row, col, SynapseSign.Plus, ActiveDevice), dg / 2);
            Devices.AddIdeal(DeviceIndex(row, col, SynapseSign.Minus, ActiveDevice), -dg / 2);
        }
        else
        {
            Devices.AddIdeal(DeviceIndex(row, col, SynapseSign.Plus, ActiveDevice), dg);
        }
        UpdateCachedWeight(row, col);
    }

    /// <summary>
    /// Row-wise pulses for the active devices of one row: <paramref name="plus"/>[j] and <paramref name="minus"/>[j]
    /// are signed counts for G⁺ and G⁻ of column j (SET &gt; 0, RESET &lt; 0, 0 = untouched). One generic pass over each
    /// plane and one re-read of the row, instead of a call chain per device — the fast path of the training rules.
    /// </summary>
    public void ApplyRowPulses(int row, ReadOnlySpan<int> plus, ReadOnlySpan<int> minus)
    {
        if (plus.Length != Columns || (Signs == 2 && minus.Length != Columns))
        {
            throw new ArgumentException($"expected {Columns} pulse counts per sign");
        }
        Devices.ApplySignedRange(DeviceIndex(row, 0, SynapseSign.Plus, ActiveDevice), plus);
        if (Signs == 2)
        {
            Devices.ApplySignedRange(DeviceIndex(row, 0, SynapseSign.Minus, ActiveDevice), minus);
        }
        if (!_stale)
        {
            RefreshRow(row);
        }
    }

    /// <summary>
    /// Sparse row-wise pulses: only the listed <paramref name="columns"/> of the row get their counts (as in the
    /// dense overload) and only their cached weights are re-read — for updates that touch few devices per row.
    /// </summary>
    public void ApplyRowPulses(int row, ReadOnlySpan<int> plus, ReadOnlySpan<int> minus, ReadOnlySpan<int> columns)
    {
        int startPlus = DeviceIndex(row, 0, SynapseSign.Plus, ActiveDevice);
        int startMinus = Signs == 2 ? DeviceIndex(row, 0, SynapseSign.Minus, ActiveDevice) : 0;
        foreach (int j in columns)
        {
            int p = plus[j];
            if (p > 0)
            {
                Devices.ApplySet(startPlus + j, p);
            }
            else if (p < 0)
            {
                Devices.ApplyReset(startPlus + j, -p);
            }
            if (Signs == 2)
            {
                int m = minus[j];
                if (m > 0)
                {
                    Devices.ApplySet(startMinus + j, m);
                }
                else if (m < 0)
                {
                    Devices.ApplyReset(startMinus + j, -m);
                }
            }
            UpdateCachedWeight(row, j);
        }
    }

    /// <summary>
    /// Compact pulses: synapse <c>cells[t]</c> (= row·Columns + column) gets the signed counts <c>plus[t]</c> on its
    /// active G⁺ and <c>minus[t]</c> on its active G⁻ (SET &gt; 0, RESET &lt; 0), and only those cached weights are
    /// re-read. Cells must be distinct. The devices take the pulses through the scattered SIMD kernels
    /// (<see cref="DeviceArray.ApplySignedScattered"/>) in one call per layer — the fast path of the
    /// pulse-coincidence and stochastic rules.
    /// </summary>
    public void ApplyCompactPulses(ReadOnlySpan<int> cells, ReadOnlySpan<int> plus, ReadOnlySpan<int> minus)
    {
        if (plus.Length != cells.Length || (Signs == 2 && minus.Length != cells.Length))
        {
            throw new ArgumentException("expected one pulse count per listed synapse and sign");
        }
        if (cells.IsEmpty)
        {
            return;
        }
        if (TensorPrimitives.Min(cells) < 0 || TensorPrimitives.Max(cells) >= _planeSize)
        {
            throw new ArgumentOutOfRangeException(nameof(cells), $"synapse cells must lie in 0..{_planeSize - 1}");
        }
        Devices.ApplySignedScattered(DeviceIndex(0, 0, SynapseSign.Plus, ActiveDevice), cells, plus);
        if (Signs == 2)
        {
            Devices.ApplySignedScattered(DeviceIndex(0, 0, SynapseSign.Minus, ActiveDevice), cells, minus);
        }
        if (_stale)
        {
            return; // a full refresh is due anyway
        }
        if (_directRead)
        {
            // One device per weight, read as stored: W = gain·G (the plane of device 0 starts at 0).
            var stored = Devices.Stored;
            foreach (int cell in cells)
            {
                _weights[cell] = (float)(Gain * stored[cell]);
            }
            return;
        }
        foreach (int cell in cells)
        {
            UpdateCachedWeight(cell / Columns, cell % Columns);
        }
    }

    /// <summary>Full RESET of every device of one sign of synapse (row, col) (the "occasional RESET" of 001 §I.B).</summary>
    public void ResetSynapse(int row, int col, SynapseSign sign)
    {
        for (int k = 0; k < DevicesPerSign; k++)
        {
            Devices.FullReset(DeviceIndex(row, col, sign, k));
        }
        UpdateCachedWeight(row, col);
    }

    /// <summary>Full RESET of every device (counted as RESET pulses).</summary>
    public void ResetAll()
    {
        for (int d = 0; d < Devices.Count; d++)
        {
            Devices.FullReset(d);
        }
        _stale = true;
    }

    /// <summary>Returns every device to its initial state without counting pulses.</summary>
    public void Initialise()
    {
        Devices.Initialise();
        _stale = true;
    }

    /// <summary>
    /// Idealised write of a weight matrix (Rows×Columns): each weight goes to the G⁺ devices (positive) or G⁻
    /// devices (negative) above the other sign's initial conductance, spread evenly over the N devices of that sign.
    /// No pulses are counted; use <see cref="ProgramWeights"/> for pulse-based programming.
    /// </summary>
    public void WriteWeights(ReadOnlySpan<float> weights)
    {
        if (weights.Length != _planeSize)
        {
            throw new ArgumentException($"expected {_planeSize} weights, got {weights.Length}");
        }
        for (int i = 0; i < Rows; i++)
        {
            for (int j = 0; j < Columns; j++)
            {
                var (plus, minus) = Targets(i, j, weights[i * Columns + j]);
                for (int k = 0; k < DevicesPerSign; k++)
                {
                    int dp = DeviceIndex(i, j, SynapseSign.Plus, k);
                    Devices.Write(dp, Math.Clamp(plus[k], Devices.Min(dp), Devices.Max(dp)));
                    if (Signs == 2)
                    {
                        int dm = DeviceIndex(i, j, SynapseSign.Minus, k);
                        Devices.Write(dm, Math.Clamp(minus[k], Devices.Min(dm), Devices.Max(dm)));
                    }
                }
            }
        }
        _stale = true;
    }

    /// <summary>Idealised write of one synapse's weight (as <see cref="WriteWeights"/> does for all); no pulses counted.</summary>
    public void WriteSynapse(int row, int col, float weight)
    {
        var (plus, minus) = Targets(row, col, weight);
        for (int k = 0; k < DevicesPerSign; k++)
        {
            int dp = DeviceIndex(row, col, SynapseSign.Plus, k);
            Devices.Write(dp, Math.Clamp(plus[k], Devices.Min(dp), Devices.Max(dp)));
            if (Signs == 2)
            {
                int dm = DeviceIndex(row, col, SynapseSign.Minus, k);
                Devices.Write(dm, Math.Clamp(minus[k], Devices.Min(dm), Devices.Max(dm)));
            }
        }
        UpdateCachedWeight(row, col);
    }

    /// <summary>
    /// Programs a weight matrix with pulses and read-verify (<see cref="ProgramAndVerify.WithPulses"/>) per device;
    /// returns the number of devices that did not reach their target within <paramref name="tolerance"/> (in
    /// conductance units) in <paramref name="maxPulses"/> pulses.
    /// </summary>
    public int ProgramWeights(ReadOnlySpan<float> weights, double tolerance, int maxPulses = 100)
    {
        if (weights.Length != _planeSize)
        {
            throw new ArgumentException($"expected {_planeSize} weights, got {weights.Length}");
        }
        var rng = CounterRng.ForStream(Devices.PulseKey, "program-verify", (ulong)Examples);
        int failed = 0;
        for (int i = 0; i < Rows; i++)
        {
            for (int j = 0; j < Columns; j++)
            {
                var (plus, minus) = Targets(i, j, weights[i * Columns + j]);
                for (int k = 0; k < DevicesPerSign; k++)
                {
                    failed += ProgramAndVerify.WithPulses(Devices, DeviceIndex(i, j, SynapseSign.Plus, k), plus[k], tolerance, maxPulses, ref rng).Converged ? 0 : 1;
                    if (Signs == 2)
                    {
                        failed += ProgramAndVerify.WithPulses(Devices, DeviceIndex(i, j, SynapseSign.Minus, k), minus[k], tolerance, maxPulses, ref rng).Converged ? 0 : 1;
                    }
                }
            }
        }
        _stale = true;
        return failed;
    }

    private (double[] Plus, double[] Minus) Targets(int row, int col, float weight)
    {
        int n = DevicesPerSign;
        var plus = new double[n];
        var minus = new double[n];
        double g = weight / Gain / n;
        for (int k = 0; k < n; k++)
        {
            double basePlus = Devices.Min(DeviceIndex(row, col, SynapseSign.Plus, k));
            if (Signs == 1)
            {
                plus[k] = g;
                continue;
            }
            double baseMinus = Devices.Min(DeviceIndex(row, col, SynapseSign.Minus, k));
            plus[k] = basePlus + Math.Max(g, 0);
            minus[k] = baseMinus + Math.Max(-g, 0);
        }
        return (plus, minus);
    }

    private void Pulse(int device, int count)
    {
        if (count > 0)
        {
            Devices.ApplySet(device, count);
        }
        else if (count < 0)
        {
            Devices.ApplyReset(device, -count);
        }
    }

    private void UpdateCachedWeight(int row, int col)
    {
        if (_stale)
        {
            return; // a full refresh is due anyway
        }
        int cell = row * Columns + col;
        double sum = 0, variance = 0;
        for (int p = 0; p < Signs * DevicesPerSign; p++)
        {
            int d = p * _planeSize + cell;
            double g = Devices.Present(d);
            sum += p < DevicesPerSign ? g : -g;
            if (_readNoise)
            {
                double s = Devices.ReadNoiseSigma(d, g);
                variance += s * s;
            }
        }
        _weights[cell] = (float)(Gain * sum);
        if (_readNoise)
        {
            _variance![cell] = (float)(Gain * Gain * variance);
        }
    }

    /// <summary>Re-reads every device into the cached weights when stale (vectorised per row).</summary>
    private void Refresh()
    {
        if (!_stale)
        {
            return;
        }
        _stale = false;
        _examplesSinceRefresh = 0;
        for (int i = 0; i < Rows; i++)
        {
            RefreshRow(i);
        }
    }

    /// <summary>Re-reads one row of devices into the cached weights (and read-noise variances).</summary>
    private void RefreshRow(int i)
    {
        var row = _rowScratch.AsSpan();
        var acc = _accScratch.AsSpan();
        var wRow = _weights.AsSpan(i * Columns, Columns);
        acc.Clear();
        for (int p = 0; p < Signs * DevicesPerSign; p++)
        {
            Devices.ReadRange(p * _planeSize + i * Columns, row);
            TensorPrimitives.MultiplyAdd(row, p < DevicesPerSign ? Gain : -Gain, acc, acc);
        }
        TensorPrimitives.ConvertTruncating<double, float>(acc, wRow);
        if (_readNoise)
        {
            var vRow = _variance.AsSpan(i * Columns, Columns);
            vRow.Clear();
            for (int p = 0; p < Signs * DevicesPerSign; p++)
            {
                int start = p * _planeSize + i * Columns;
                for (int j = 0; j < Columns; j++)
                {
                    double s = Devices.ReadNoiseSigma(start + j, Devices.Present(start + j));
                    vRow[j] += (float)(Gain * Gain * s * s);
                }
            }
        }
    }
}
