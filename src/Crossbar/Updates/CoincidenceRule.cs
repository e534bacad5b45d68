using System.Numerics;
using Crossbar.Config;
using Crossbar.Numerics;
using Crossbar.Tiles;

namespace Crossbar.Updates;

/// <summary>
/// Updates by coincidence of pulse trains on word-lines (upstream neurons, carrying x) and bit-lines (downstream
/// neurons, carrying δ): the device at (i, j) receives popcount(train_i ∧ train_j) pulses, and the sign of x_i·δ_j
/// picks which device. Serves both the deterministic-count trains of the crossbar-compatible rule (000 §III,
/// 001 Fig. 14) and the Bernoulli streams of the stochastic rule (003 Eqs. 3–4).
/// Unidirectional devices: ΔW &gt; 0 SETs G⁺, ΔW &lt; 0 SETs G⁻. Bidirectional: the downstream neuron fires a second
/// train for RESET with its own rate (η_RESET, 001 Fig. 15) and the other device of the pair is RESET; a single
/// device per weight under the stochastic rule moves both ways on its one Bernoulli stream (003, aihwkit).
/// </summary>
public sealed class CoincidenceRule : IAnalogUpdateRule
{
    private readonly Encoding _encoding;
    private readonly DeviceDirection _direction;
    private readonly PulsePlacement _placement;
    private readonly bool _stochasticRounding;
    private readonly float _etaSet, _etaReset; // null-free: resolved rates (pulse_coincidence)
    private readonly bool _etaFromConfig;
    private readonly float _pulseWeight;       // stochastic: Δw of one pulse
    private readonly PulseTrains _rows;
    private readonly PulseTrains _setCols;
    private readonly PulseTrains? _resetCols;
    private readonly int[] _activeCols;
    private readonly int[] _plus;
    private readonly int[] _minus;
    private readonly int[] _touched;
    private readonly ulong[] _activeSet;   // trains of the active columns, packed (single-word trains)
    private readonly ulong[] _activeReset;
    private readonly int[] _activeSign;
    private readonly uint[] _activeSet32;  // the same trains as 32-bit words (trains of ≤ 32 slots, SIMD counting)
    private readonly uint[] _activeReset32;
    private CounterRng _rng;
    private bool _hasReset;  // this update counts RESET pulses on RESET trains

    private enum Encoding
    {
        Count,
        Bernoulli,
    }

    private CoincidenceRule(Encoding encoding, int rows, int cols, int slots, DeviceDirection direction, PulsePlacement placement,
                            bool stochasticRounding, float etaSet, float etaReset, bool etaFromConfig, float pulseWeight, ulong seed, int layer)
    {
        _encoding = encoding;
        _direction = direction;
        _placement = placement;
        _stochasticRounding = stochasticRounding;
        _etaSet = etaSet;
        _etaReset = etaReset;
        _etaFromConfig = etaFromConfig;
        _pulseWeight = pulseWeight;
        _rows = new PulseTrains(rows, slots);
        _setCols = new PulseTrains(cols, slots);
        _resetCols = direction == DeviceDirection.Bidirectional ? new PulseTrains(cols, slots) : null;
        _activeCols = new int[cols];
        // Compact lists, with the SIMD kernel's store slack.
        _plus = new int[rows * cols + CoincidenceKernel.Lanes];
        _minus = new int[rows * cols + CoincidenceKernel.Lanes];
        _touched = new int[rows * cols + CoincidenceKernel.Lanes];
        _activeSet = new ulong[cols];
        _activeReset = new ulong[cols];
        _activeSign = new int[cols];
        _activeSet32 = new uint[cols];
        _activeReset32 = new uint[cols];
        _rng = CounterRng.ForStream(seed, "pulse-trains", (ulong)layer);
    }

    /// <summary>The crossbar-compatible rule of 000/001 (pulse counts from √η·x and √η·δ).</summary>
    public static CoincidenceRule PulseCoincidence(PulseCoincidenceUpdateConfig c, AnalogTile tile, ulong seed, int layer) =>
        new(Encoding.Count, tile.Rows, tile.Columns, c.Slots, c.Direction, c.Placement, c.StochasticRounding,
            (float)(c.EtaSet ?? 0), (float)(c.EtaReset ?? c.EtaSet ?? 0), c.EtaSet is not null, 0f, seed, layer);

    /// <summary>The stochastic bit-stream rule of 003 (Bernoulli streams of length BL).</summary>
    public static CoincidenceRule Stochastic(StochasticUpdateConfig c, AnalogTile tile, float pulseWeight, ulong seed, int layer) =>
        new(Encoding.Bernoulli, tile.Rows, tile.Columns, c.Bl, c.Direction, PulsePlacement.Random, false,
            0f, 0f, false, pulseWeight, seed, layer);

    public void Update(AnalogTile tile, ReadOnlySpan<float> x, ReadOnlySpan<float> delta, float learningRate)
    {
        int slots = _rows.Slots;
        float rowScale, setScale, resetScale;
        if (_encoding == Encoding.Count)
        {
            // Expected pulses per device = N·ρ_x·ρ_δ with ρ = √(η/N)·|v|, i.e. η·|x|·|δ| (η in pulses per unit x·δ).
            float etaSet = _etaFromConfig ? _etaSet : learningRate;
            float etaReset = _etaFromConfig ? _etaReset : learningRate;
            rowScale = MathF.Sqrt(etaSet / slots);
            setScale = rowScale;
            resetScale = etaReset / slots / rowScale;
        }
        else
        {
            // 003 / Gokmen & Vlasov: C = √(η/(BL·Δw)) on both sides, so E[pulses]·Δw = η·x·δ.
            rowScale = MathF.Sqrt(learningRate / (slots * _pulseWeight));
            setScale = rowScale;
            resetScale = rowScale;
        }

        for (int i = 0; i < tile.Rows; i++)
        {
            float v = i < tile.Inputs ? x[i] : 1f; // bias row
            Encode(_rows, i, v, rowScale, spread: false);
        }
        // A single device per weight moves both ways on one Bernoulli stream per line (003, aihwkit); a second, equally
        // scaled RESET stream would only be a redundant draw. Pairs and the count rule's separate η_RESET keep theirs.
        var resetCols = tile.Signs == 1 && _encoding == Encoding.Bernoulli ? null : _resetCols;
        _hasReset = resetCols is not null;
        int active = 0;
        for (int j = 0; j < tile.Columns; j++)
        {
            Encode(_setCols, j, delta[j], setScale, spread: true);
            bool any = !_setCols.IsEmpty(j);
            if (resetCols is not null)
            {
                Encode(resetCols, j, delta[j], resetScale, spread: true);
                any |= !resetCols.IsEmpty(j);
            }
            if (any)
            {
                _activeSet[active] = _setCols.FirstWord(j);
                _activeReset[active] = resetCols?.FirstWord(j) ?? 0;
                _activeSign[active] = _setCols.Sign[j];
                _activeSet32[active] = (uint)_activeSet[active];
                _activeReset32[active] = (uint)_activeReset[active];
                _activeCols[active++] = j;
            }
        }
        if (active == 0)
        {
            return;
        }
        // The whole layer's pulses as one compact list (synapse cell, G⁺ count, G⁻ count), applied in one call.
        int touched = 0;
        for (int i = 0; i < tile.Rows; i++)
        {
            if (!_rows.IsEmpty(i))
            {
                touched = CountRow(i, active, tile.Signs, touched, i * tile.Columns);
            }
        }
        tile.ApplyCompactPulses(_touched.AsSpan(0, touched), _plus.AsSpan(0, touched), _minus.AsSpan(0, touched));
    }

    /// <summary>
    /// Pulse counts of row <paramref name="i"/> with every active column, appended from position <paramref name="t"/>
    /// to the compact lists (cell = <paramref name="cellOffset"/> + column, G⁺ count, G⁻ count; SET &gt; 0, RESET &lt; 0)
    /// for the devices that receive any; returns the lists' new length.
    /// </summary>
    private int CountRow(int i, int active, int signs, int t, int cellOffset)
    {
        int si = _rows.Sign[i];
        bool hasReset = _hasReset;
        // A unidirectional pair only SETs: G⁺ when ΔW > 0, G⁻ when ΔW < 0. A single device (aihwkit-style tile)
        // and a bidirectional pair move both ways; the RESET count comes from the RESET train when there is one.
        bool setOnly = signs == 2 && _direction == DeviceDirection.Unidirectional;
        bool single = _rows.Words == 1;
        ulong mx = _rows.FirstWord(i);
        int k = 0;
        if (_rows.Slots <= 32 && CoincidenceKernel.Supported)
        {
            t += CoincidenceKernel.Count((uint)mx, si, setOnly, signs == 2, _activeSet32.AsSpan(0, active),
                                         hasReset ? _activeReset32.AsSpan(0, active) : default, _activeSign.AsSpan(0, active),
                                         _activeCols.AsSpan(0, active), cellOffset, _touched.AsSpan(t), _plus.AsSpan(t),
                                         _minus.AsSpan(t), out k);
        }
        for (; k < active; k++)
        {
            int j = _activeCols[k];
            int set, reset;
            if (single)
            {
                // Packed single-word trains: one AND + popcount per device and line.
                set = BitOperations.PopCount(mx & _activeSet[k]);
                reset = hasReset ? BitOperations.PopCount(mx & _activeReset[k]) : set;
            }
            else
            {
                set = PulseTrains.Coincidences(_rows, i, _setCols, j);
                reset = hasReset ? PulseTrains.Coincidences(_rows, i, _resetCols!, j) : set;
            }
            bool up = si * _activeSign[k] > 0;
            int down = setOnly ? 0 : -reset;
            int plus = up ? set : down;
            int minus = up ? down : set;
            if (signs == 1)
            {
                minus = 0;
            }
            // Branch-free append: most pairs of an active row and column do receive pulses.
            _touched[t] = cellOffset + j;
            _plus[t] = plus;
            _minus[t] = minus;
            t += (plus | minus) != 0 ? 1 : 0;
        }
        return t;
    }

    /// <summary>Checkpoint state: the position of the pulse-train stream (the trains themselves are rebuilt every example).</summary>
    public void SaveState(BinaryWriter writer) => _rng.Save(writer);

    public void LoadState(BinaryReader reader) => _rng.Load(reader, "pulse trains");

    public void ApplyBatch(AnalogTile tile, ReadOnlySpan<float> sumXDelta, float learningRate, int batch) =>
        throw new CrossbarException("update.rule: pulse-coincidence and stochastic rules apply one example at a time; set training.batch_size: 1");

    private void Encode(PulseTrains trains, int neuron, float value, float scale, bool spread)
    {
        if (_encoding == Encoding.Bernoulli)
        {
            trains.EncodeBernoulli(neuron, value, scale, ref _rng);
        }
        else
        {
            trains.EncodeCount(neuron, value, scale, _placement, spread, _stochasticRounding, ref _rng);
        }
    }
}
