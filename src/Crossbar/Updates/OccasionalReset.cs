using Crossbar.Config;
using Crossbar.Tiles;

namespace Crossbar.Updates;

/// <summary>
/// Occasional RESET (000 §VI, 001 §I.B, after Burr 2014) and periodic reset (003 §III, every 15 images): every N
/// examples, synapses meeting the criterion have both devices fully RESET and their weight re-programmed onto one
/// device with SET pulses — stopping at the pulse that brings it closest to the old weight, so the re-programming is
/// as "infrequent and inaccurate" as the device makes it. All pulses count toward energy.
/// </summary>
public sealed class OccasionalReset(ResetConfig config)
{
    private long _since;

    /// <summary>Synapses reset so far.</summary>
    public long SynapsesReset { get; private set; }

    /// <summary>Reset rounds run so far.</summary>
    public long Rounds { get; private set; }

    public void AfterExample(AnalogTile tile)
    {
        if (config.Every <= 0 || ++_since < config.Every)
        {
            return;
        }
        _since = 0;
        Run(tile);
    }

    public void Run(AnalogTile tile)
    {
        if (tile.Signs != 2)
        {
            return; // nothing to rebalance without a G⁻ device
        }
        Rounds++;
        var dev = tile.Devices;
        int k = tile.ActiveDevice;
        for (int i = 0; i < tile.Rows; i++)
        {
            for (int j = 0; j < tile.Columns; j++)
            {
                int dp = tile.DeviceIndex(i, j, SynapseSign.Plus, k);
                int dm = tile.DeviceIndex(i, j, SynapseSign.Minus, k);
                bool plusGrown = Grown(dev, dp), minusGrown = Grown(dev, dm);
                bool hit = config.Criterion switch
                {
                    ResetCriterion.Grown => plusGrown || minusGrown,
                    ResetCriterion.BothGrown => plusGrown && minusGrown,
                    _ => true,
                };
                if (!hit)
                {
                    continue;
                }
                float w = tile.Weight(i, j);
                tile.ResetSynapse(i, j, SynapseSign.Plus);
                tile.ResetSynapse(i, j, SynapseSign.Minus);
                SynapsesReset++;
                if (config.ReprogramWithPulses)
                {
                    Reprogram(tile, i, j, w);
                }
                else
                {
                    tile.WriteSynapse(i, j, w);
                }
            }
        }
    }

    private bool Grown(Devices.DeviceArray dev, int d)
    {
        double lo = dev.Min(d), hi = dev.Max(d);
        return dev.PresentNominal(d) > lo + config.Threshold * (hi - lo);
    }

    /// <summary>SET pulses on the device of the weight's sign while the next pulse brings the weight closer to <paramref name="target"/>.</summary>
    private void Reprogram(AnalogTile tile, int i, int j, float target)
    {
        var dev = tile.Devices;
        var sign = target >= 0 ? SynapseSign.Plus : SynapseSign.Minus;
        int dg = tile.DeviceIndex(i, j, sign, tile.ActiveDevice);
        int dother = tile.DeviceIndex(i, j, sign == SynapseSign.Plus ? SynapseSign.Minus : SynapseSign.Plus, tile.ActiveDevice);
        double want = Math.Abs(target) / tile.Gain;
        for (int n = 0; n < config.MaxPulses; n++)
        {
            double now = dev.Present(dg) - dev.Present(dother);
            double next = dev.PeekSet(dg) - dev.Present(dother);
            if (Math.Abs(next - want) >= Math.Abs(now - want))
            {
                break;
            }
            if (sign == SynapseSign.Plus)
            {
                tile.ApplyPulses(i, j, 1, 0);
            }
            else
            {
                tile.ApplyPulses(i, j, 0, 1);
            }
        }
    }
}
