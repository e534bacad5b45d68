using Crossbar.Config;
using Crossbar.Tiles;

namespace Crossbar.Updates;

/// <summary>
/// Occasional RESET (000 §VI, 001 §I.B, after Burr 2014) and periodic reset (003 §III, every 15 images): every N
/// examples, synapses meeting the criterion have both devices fully RESET and their weight re-programmed onto one
/// device with SET pulses — stopping at the pulse that brings it closest to the old weight, so the re-programming is
/// as "infrequent and inaccurate" as the device makes it. All pulses count toward energy.
/// </summary>
public sealed class OccasionalReset(ResetConfig config) : ICheckpointState
{
    private long _since;
    private int[] _plusGrown = [];   // cells whose G⁺ / G⁻ device has grown, this round (reused between rounds)
    private int[] _minusGrown = [];

    /// <summary>Synapses reset so far.</summary>
    public long SynapsesReset { get; private set; }

    /// <summary>Reset rounds run so far.</summary>
    public long Rounds { get; private set; }

    /// <summary>Checkpoint state: examples since the last round (the schedule's position) and the counters.</summary>
    public void SaveState(BinaryWriter writer)
    {
        writer.Write(_since);
        writer.Write(SynapsesReset);
        writer.Write(Rounds);
    }

    public void LoadState(BinaryReader reader)
    {
        _since = reader.ReadInt64();
        SynapsesReset = reader.ReadInt64();
        Rounds = reader.ReadInt64();
    }

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
        int plane = tile.Rows * tile.Columns;
        if (config.Criterion == ResetCriterion.All)
        {
            for (int cell = 0; cell < plane; cell++)
            {
                ResetCell(tile, cell);
            }
            return;
        }
        if (_plusGrown.Length < plane)
        {
            _plusGrown = new int[plane];
            _minusGrown = new int[plane];
        }
        // Resetting or re-programming a synapse touches only its own two devices, so every synapse's test can be made
        // up front, plane by plane; the two ascending lists are then merged, so synapses are visited in cell order.
        int np = dev.CollectGrown(tile.DeviceIndex(0, 0, SynapseSign.Plus, k), plane, config.Threshold, _plusGrown);
        int nm = dev.CollectGrown(tile.DeviceIndex(0, 0, SynapseSign.Minus, k), plane, config.Threshold, _minusGrown);
        bool both = config.Criterion == ResetCriterion.BothGrown;
        for (int a = 0, b = 0; a < np || b < nm;)
        {
            int p = a < np ? _plusGrown[a] : int.MaxValue;
            int m = b < nm ? _minusGrown[b] : int.MaxValue;
            int cell = Math.Min(p, m);
            bool plusGrown = p == cell, minusGrown = m == cell;
            a += plusGrown ? 1 : 0;
            b += minusGrown ? 1 : 0;
            if (!both || (plusGrown && minusGrown))
            {
                ResetCell(tile, cell);
            }
        }
    }

    /// <summary>Both devices of the synapse at <paramref name="cell"/> RESET, then its weight re-programmed.</summary>
    private void ResetCell(AnalogTile tile, int cell)
    {
        int i = cell / tile.Columns, j = cell % tile.Columns;
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
