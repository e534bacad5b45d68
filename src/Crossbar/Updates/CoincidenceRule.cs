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
/// train for RESET with its own rate (η_RESET, 001 Fig. 15) and the other device of the pair is RESET.
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
    private CounterRng _rng;

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
        _plus = new int[cols];
        _minus = new int[cols];
        _touched = new int[cols];
        _activeSet = new ulong[cols];
        _activeReset = new ulong[cols];
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
        int active = 0;
        for (int j = 0; j < tile.Columns; j++)
        {
            Encode(_setCols, j, delta[j], setScale, spread: true);
            bool any = !_setCols.IsEmpty(j);
            if (_resetCols is not null)
            {
                Encode(_resetCols, j, delta[j], resetScale, spread: true);
                any |= !_resetCols.IsEmpty(j);
            }
            if (any)
            {
                _activeSet[active] = _setCols.FirstWord(j);
                _activeReset[active] = _resetCols?.FirstWord(j) ?? 0;
                _activeCols[active++] = j;
            }
        }
        if (active == 0)
        {
            return;
        }
        var cols = _activeCols.AsSpan(0, active);
        for (int i = 0; i < tile.Rows; i++)
        {
            if (_rows.IsEmpty(i))
            {
                continue;
            }
            int si = _rows.Sign[i];
            int touched = 0;
            bool single = _rows.Words == 1;
            ulong mx = _rows.FirstWord(i);
            for (int k = 0; k < cols.Length; k++)
            {
                int j = cols[k];
                int set, reset;
                if (single)
                {
                    // Packed single-word trains: one AND + popcount per device and line.
                    set = BitOperations.PopCount(mx & _activeSet[k]);
                    reset = _resetCols is null ? 0 : BitOperations.PopCount(mx & _activeReset[k]);
                }
                else
                {
                    set = PulseTrains.Coincidences(_rows, i, _setCols, j);
                    reset = _resetCols is null ? 0 : PulseTrains.Coincidences(_rows, i, _resetCols, j);
                }
                if ((set | reset) == 0)
                {
                    continue;
                }
                _touched[touched++] = j;
                bool up = si * _setCols.Sign[j] > 0;
                if (tile.Signs == 1)
                {
                    // One device per weight (aihwkit-style single tile): it must move both ways.
                    _plus[j] = up ? set : -(_resetCols is null ? set : reset);
                }
                else if (_direction == DeviceDirection.Unidirectional)
                {
                    _plus[j] = up ? set : 0;
                    _minus[j] = up ? 0 : set;
                }
                else
                {
                    _plus[j] = up ? set : -reset;
                    _minus[j] = up ? -reset : set;
                }
            }
            if (touched > 0)
            {
                var list = _touched.AsSpan(0, touched);
                // Few devices of a row: update just those; many: one pass over the row is cheaper.
                if (touched * 8 < tile.Columns)
                {
                    tile.ApplyRowPulses(i, _plus, _minus, list);
                }
                else
                {
                    tile.ApplyRowPulses(i, _plus, _minus);
                }
                foreach (int j in list)
                {
                    _plus[j] = 0;
                    _minus[j] = 0;
                }
            }
        }
    }

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
