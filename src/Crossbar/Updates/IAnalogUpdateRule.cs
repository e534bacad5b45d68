using Crossbar.Tiles;

namespace Crossbar.Updates;

/// <summary>
/// A weight-update rule a crossbar can execute: it changes a tile only through pulses, RESETs and programming.
/// x excludes the bias neuron; rules drive the bias row (when the tile has one) with x = 1.
/// Rules save what they carry between examples (random-stream positions, accumulators, counters) in checkpoints.
/// </summary>
public interface IAnalogUpdateRule : ICheckpointState
{
    /// <summary>One example's update from (possibly Local-Gains-scaled) x and δ.</summary>
    void Update(AnalogTile tile, ReadOnlySpan<float> x, ReadOnlySpan<float> delta, float learningRate);

    /// <summary>Lets a rule filter one example's δ before it joins the mini-batch sum (e.g. a comparator dead zone).</summary>
    void FilterBatchDelta(Span<float> delta)
    {
    }

    /// <summary>A mini-batch's update from Σ x·δᵀ over the batch (Rows × Columns, bias row last).</summary>
    void ApplyBatch(AnalogTile tile, ReadOnlySpan<float> sumXDelta, float learningRate, int batch);
}
