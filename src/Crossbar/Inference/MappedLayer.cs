using System.Numerics.Tensors;
using Crossbar.Config;
using Crossbar.Devices;
using Crossbar.Network;
using Crossbar.Numerics;
using Crossbar.Tiles;

namespace Crossbar.Inference;

/// <summary>
/// An inference-only layer whose trained float weights live on an <see cref="AnalogTile"/> as conductance pairs
/// W = gain·(G⁺ − G⁻) (002 §2.1; aihwkit single-pair converter). The tile works in conductance units (its own gain
/// is 1); the periphery multiplies each output by <see cref="Gain"/> and by the drift-compensation factor
/// <see cref="Scale"/>. The programmed conductances are kept so that each inference time starts from them:
/// <see cref="Realize"/> redraws the accumulated 1/f noise for that time and moves the tile's clock.
/// </summary>
public sealed class MappedLayer : ILayer
{
    private readonly double[] _programmed;
    private readonly double[] _targets;
    private readonly PcmLikeNoiseModel? _pcm;

    public MappedLayer(AnalogTile tile, double gain, PcmLikeNoiseModel? pcm)
    {
        if (tile.Gain != 1.0)
        {
            throw new ArgumentException("a mapped layer's tile must have gain 1 (the layer applies the mapping gain)", nameof(tile));
        }
        Tile = tile;
        Gain = gain;
        _pcm = pcm;
        _programmed = new double[tile.Devices.Count];
        _targets = new double[tile.Devices.Count];
    }

    public AnalogTile Tile { get; }

    /// <summary>Weight per unit conductance.</summary>
    public double Gain { get; }

    /// <summary>Global drift compensation factor applied to every output (1 = none).</summary>
    public double Scale { get; set; } = 1.0;

    /// <summary>Devices that program-and-verify left outside tolerance (0 for the other methods).</summary>
    public int FailedDevices { get; private set; }

    /// <summary>Target conductance of each device (index as <see cref="AnalogTile.DeviceIndex"/>).</summary>
    public ReadOnlySpan<double> Targets => _targets;

    /// <summary>Conductance of each device right after programming (before drift and 1/f noise).</summary>
    public ReadOnlySpan<double> Programmed => _programmed;

    public int Inputs => Tile.Inputs;

    public int Outputs => Tile.Outputs;

    public bool HasBias => Tile.Bias;

    /// <summary>
    /// Programs <paramref name="weights"/> (rows × outputs, bias row last) onto the tile at time 0 with the given
    /// method; <paramref name="rng"/> supplies programming noise and drift exponents.
    /// </summary>
    public void Program(ReadOnlySpan<float> weights, MappingConfig mapping, ref CounterRng rng)
    {
        var tile = Tile;
        var devices = tile.Devices;
        if (weights.Length != tile.Rows * tile.Columns)
        {
            throw new ArgumentException($"expected {tile.Rows * tile.Columns} weights, got {weights.Length}");
        }
        tile.SetTime(0);
        tile.Initialise();
        double lo = devices.Min(0), hi = devices.Max(0);
        double range = hi - lo;
        double floor = lo + mapping.Offset * range; // common-mode level of both devices of a pair
        int n = tile.DevicesPerSign;
        for (int i = 0; i < tile.Rows; i++)
        {
            for (int j = 0; j < tile.Columns; j++)
            {
                double g = weights[i * tile.Columns + j] / Gain / n;
                for (int k = 0; k < n; k++)
                {
                    if (tile.Signs == 1)
                    {
                        _targets[tile.DeviceIndex(i, j, SynapseSign.Plus, k)] = g;
                        continue;
                    }
                    _targets[tile.DeviceIndex(i, j, SynapseSign.Plus, k)] = floor + Math.Max(g, 0);
                    _targets[tile.DeviceIndex(i, j, SynapseSign.Minus, k)] = floor + Math.Max(-g, 0);
                }
            }
        }
        FailedDevices = 0;
        switch (mapping.Method)
        {
            case MappingMethod.Direct:
                for (int d = 0; d < devices.Count; d++)
                {
                    double target = _targets[d];
                    double g = _pcm is not null
                        ? _pcm.Program(target, ref rng)
                        : mapping.ProgrammingNoise > 0
                            ? Math.Max(lo, target + mapping.ProgrammingNoise * range * rng.NextGaussian())
                            : target;
                    devices.Write(d, g);
                }
                break;
            case MappingMethod.OpenLoop:
                for (int d = 0; d < devices.Count; d++)
                {
                    ProgramOpenLoop(d, _targets[d], mapping.MaxPulses);
                }
                break;
            case MappingMethod.ProgramVerify:
                FailedDevices = ProgramVerify(mapping.Tolerance * range, mapping.MaxPulses, ref rng);
                break;
        }
        if (_pcm is not null)
        {
            var nu = devices.Nu ?? throw new InvalidOperationException("the PCM-like model needs a device array with drift enabled");
            for (int d = 0; d < devices.Count; d++)
            {
                nu[d] = _pcm.SampleNu(_targets[d], ref rng);
            }
        }
        devices.Stored.AsSpan().CopyTo(_programmed);
        Scale = 1.0;
    }

    /// <summary>Program-and-verify of every device to its target (004 Fig. 2(b)); returns the devices left outside tolerance.</summary>
    private int ProgramVerify(double tolerance, int maxPulses, ref CounterRng rng)
    {
        int failed = 0;
        for (int d = 0; d < _targets.Length; d++)
        {
            failed += ProgramAndVerify.WithPulses(Tile.Devices, d, _targets[d], tolerance, maxPulses, ref rng).Converged ? 0 : 1;
        }
        return failed;
    }

    /// <summary>
    /// Open loop (002 §3.2 off-chip transfer): SET pulses on the device as long as each brings its nominal
    /// conductance (what the controller believes, without the device's own factor X) closer to the target.
    /// </summary>
    private void ProgramOpenLoop(int d, double target, int maxPulses)
    {
        var devices = Tile.Devices;
        for (int p = 0; p < maxPulses; p++)
        {
            double before = devices.PresentNominal(d);
            if (before >= target)
            {
                return;
            }
            devices.ApplySet(d, 1);
            double after = devices.PresentNominal(d);
            if (after - target > target - before || after <= before)
            {
                devices.Write(d, before); // the controller would have stopped one pulse earlier
                return;
            }
        }
    }

    /// <summary>
    /// Sets the state seen at <paramref name="tInference"/> seconds after programming: conductances restart from
    /// their programmed values, get a fresh draw of the accumulated 1/f noise (PCM-like model; frozen for this
    /// time, as a conductance deviation is), and drift by the tile's clock.
    /// </summary>
    public void Realize(double tInference, ref CounterRng rng)
    {
        var stored = Tile.Devices.Stored;
        if (_pcm is null)
        {
            _programmed.CopyTo(stored, 0);
            Tile.SetTime(tInference);
            return;
        }
        for (int d = 0; d < stored.Length; d++)
        {
            double g = _programmed[d];
            double s = _pcm.ReadNoiseRelative(g, tInference);
            stored[d] = s > 0 ? Math.Max(0.0, g * (1 + s * rng.NextGaussian())) : g;
        }
        // Drift restarts at programming (clock 0): elapsed = t + t₀ gives ((t + t₀)/t₀)^(−ν).
        Tile.SetTime(tInference + _pcm.Config.T0);
    }

    /// <summary>Restores the programmed state (e.g. after a device state was loaded).</summary>
    public void RestoreProgrammed(ReadOnlySpan<double> programmed, ReadOnlySpan<double> targets)
    {
        programmed.CopyTo(_programmed);
        targets.CopyTo(_targets);
    }

    public void Forward(ReadOnlySpan<float> x, Span<float> z)
    {
        Tile.Forward(x, z);
        TensorPrimitives.Multiply(z, (float)(Gain * Scale), z);
    }

    public void CopyWeights(Span<float> destination)
    {
        Tile.CopyWeights(destination);
        TensorPrimitives.Multiply(destination, (float)(Gain * Scale), destination);
    }

    public void Backward(ReadOnlySpan<float> delta, Span<float> deltaIn) => throw InferenceOnly();

    public void Update(ReadOnlySpan<float> x, ReadOnlySpan<float> delta, float learningRate) => throw InferenceOnly();

    public void Accumulate(ReadOnlySpan<float> x, ReadOnlySpan<float> delta) => throw InferenceOnly();

    public void ApplyAccumulated(float learningRate, int batch) => throw InferenceOnly();

    private static InvalidOperationException InferenceOnly() =>
        new("a mapped layer is inference-only; train with a device section instead");
}
