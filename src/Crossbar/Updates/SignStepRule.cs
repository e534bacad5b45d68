using Crossbar.Config;
using Crossbar.Devices;
using Crossbar.Tiles;

namespace Crossbar.Updates;

/// <summary>
/// Sign-based single-step update of 002_fcfd05735ec498b2.txt §2.2 and Fig. 2: where x_i &gt; 0 and δ_j ≠ 0, the weight
/// moves one conductance step in the direction sgn(x_i·δ_j) by potentiating G⁺ (increase) or G⁻ (decrease) once; no
/// learning rate. When the device to potentiate is already at G_max, methods a, b or c apply exactly as the
/// pseudocode; initialisation d resets both devices when both reach G_max.
/// </summary>
public sealed class SignStepRule(SignStepUpdateConfig config) : IAnalogUpdateRule
{
    private const int LoopCap = 1_000_000;
    private readonly SaturationMethod _method = config.Method;
    private readonly bool _initD = config.InitD;
    private readonly float _threshold = (float)config.DeltaThreshold;

    public long SaturationEvents { get; private set; }

    public void SaveState(BinaryWriter writer) => writer.Write(SaturationEvents);

    public void LoadState(BinaryReader reader) => SaturationEvents = reader.ReadInt64();

    public void Update(AnalogTile tile, ReadOnlySpan<float> x, ReadOnlySpan<float> delta, float learningRate)
    {
        for (int i = 0; i < tile.Rows; i++)
        {
            float xi = i < tile.Inputs ? x[i] : 1f;
            if (xi == 0f)
            {
                continue;
            }
            for (int j = 0; j < tile.Columns; j++)
            {
                float d = delta[j];
                if (MathF.Abs(d) <= _threshold)
                {
                    continue;
                }
                Step(tile, i, j, xi * d > 0f);
            }
        }
    }

    /// <summary>The dead zone acts on each example's δ, as in online learning, before the batch sums x·δ.</summary>
    public void FilterBatchDelta(Span<float> delta)
    {
        for (int j = 0; j < delta.Length; j++)
        {
            if (MathF.Abs(delta[j]) <= _threshold)
            {
                delta[j] = 0f;
            }
        }
    }

    /// <summary>Mini-batch (002 Fig. 10): one step per synapse by the sign of the batch's summed ΔW.</summary>
    public void ApplyBatch(AnalogTile tile, ReadOnlySpan<float> sumXDelta, float learningRate, int batch)
    {
        for (int i = 0; i < tile.Rows; i++)
        {
            for (int j = 0; j < tile.Columns; j++)
            {
                float s = sumXDelta[i * tile.Columns + j];
                if (s != 0f)
                {
                    Step(tile, i, j, s > 0f);
                }
            }
        }
    }

    /// <summary>One step of the weight at (i, j) up (potentiate G⁺) or down (potentiate G⁻).</summary>
    public void Step(AnalogTile tile, int i, int j, bool increase)
    {
        var devices = tile.Devices;
        var grow = increase ? SynapseSign.Plus : SynapseSign.Minus;
        var other = increase ? SynapseSign.Minus : SynapseSign.Plus;
        int dg = tile.DeviceIndex(i, j, grow, tile.ActiveDevice);
        int dother = tile.DeviceIndex(i, j, other, tile.ActiveDevice);
        if (!AtMax(devices, dg))
        {
            Pulse(tile, i, j, grow, 1);
        }
        else
        {
            SaturationEvents++;
            // The pseudocode is written for G⁺ = G_max, ΔW > 0; for ΔW < 0 the roles of G⁺ and G⁻ swap, and
            // "W" is measured in the direction of growth: W = G_grow − G_other.
            double w = devices.Present(dg) - devices.Present(dother);
            switch (_method)
            {
                case SaturationMethod.A:
                    // G⁺ ← G_min, G⁻ ← G_min; while G⁺ − G⁻ < W: G⁺ ← G⁺ + ΔG
                    tile.ResetSynapse(i, j, grow);
                    tile.ResetSynapse(i, j, other);
                    for (int n = 0; n < LoopCap && devices.Present(dg) - devices.Present(dother) < w && !AtMax(devices, dg); n++)
                    {
                        Pulse(tile, i, j, grow, 1);
                    }
                    break;
                case SaturationMethod.B:
                    // G⁻ ← G_min; while G⁺ − (G⁻ + ΔG) > W: G⁻ ← G⁻ + ΔG
                    tile.ResetSynapse(i, j, other);
                    for (int n = 0; n < LoopCap && devices.Present(dg) - devices.PeekSet(dother) > w && !AtMax(devices, dother); n++)
                    {
                        Pulse(tile, i, j, other, 1);
                    }
                    break;
                case SaturationMethod.C:
                    // G⁻ ← G⁻ − ΔG (one depression pulse of a bidirectional device)
                    Pulse(tile, i, j, other, -1);
                    break;
            }
        }
        if (_initD && AtMax(devices, dg) && AtMax(devices, dother))
        {
            // Initialisation d (Fig. 2D): both at G_max carry W = 0 at high power; G⁺ = G⁻ = G_min carries it cheaply.
            tile.ResetSynapse(i, j, SynapseSign.Plus);
            tile.ResetSynapse(i, j, SynapseSign.Minus);
        }
    }

    private static void Pulse(AnalogTile tile, int i, int j, SynapseSign sign, int pulses)
    {
        if (sign == SynapseSign.Plus)
        {
            tile.ApplyPulses(i, j, pulses, 0);
        }
        else
        {
            tile.ApplyPulses(i, j, 0, pulses);
        }
    }

    /// <summary>True when a SET pulse can no longer raise the device (it sits at its upper bound).</summary>
    private static bool AtMax(DeviceArray devices, int d)
    {
        double max = devices.Max(d), min = devices.Min(d);
        return devices.PresentNominal(d) >= max - 1e-9 * (max - min);
    }
}
