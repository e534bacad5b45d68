using Crossbar.Numerics;
using Crossbar.Tiles;
using Crossbar.Updates;

namespace Crossbar.Network;

/// <summary>
/// A synapse layer whose weights live on an analog crossbar tile: forward and backward read the devices' present
/// conductances, and training changes them only through the configured <see cref="IAnalogUpdateRule"/> (pulses,
/// RESETs, programming) plus the occasional/periodic RESET.
/// </summary>
public sealed class AnalogLayer : ILayer, ICheckpointState
{
    private readonly float[]? _grad;
    private readonly StreamEncoder? _forwardStream;
    private readonly StreamEncoder? _backwardStream;
    private readonly float[] _xScratch;
    private readonly float[] _dScratch;

    public AnalogLayer(AnalogTile tile, IAnalogUpdateRule rule, OccasionalReset? reset, bool supportsBatch,
                       StreamEncoder? forwardStream = null, StreamEncoder? backwardStream = null)
    {
        Tile = tile;
        Rule = rule;
        Reset = reset;
        _grad = supportsBatch ? new float[tile.Rows * tile.Columns] : null;
        _forwardStream = forwardStream;
        _backwardStream = backwardStream;
        _xScratch = new float[tile.Inputs];
        _dScratch = new float[tile.Outputs];
    }

    public AnalogTile Tile { get; }

    public IAnalogUpdateRule Rule { get; }

    public OccasionalReset? Reset { get; }

    public int Inputs => Tile.Inputs;

    public int Outputs => Tile.Outputs;

    public bool HasBias => Tile.Bias;

    public void Forward(ReadOnlySpan<float> x, Span<float> z)
    {
        if (_forwardStream is not null)
        {
            _forwardStream.Encode(x, _xScratch);
            x = _xScratch;
        }
        Tile.Forward(x, z);
    }

    public void Backward(ReadOnlySpan<float> delta, Span<float> deltaIn)
    {
        if (_backwardStream is not null)
        {
            _backwardStream.Encode(delta, _dScratch);
            delta = _dScratch;
        }
        Tile.Backward(delta, deltaIn);
    }

    public void Update(ReadOnlySpan<float> x, ReadOnlySpan<float> delta, float learningRate) =>
        Rule.Update(Tile, x, delta, learningRate);

    public void Accumulate(ReadOnlySpan<float> x, ReadOnlySpan<float> delta)
    {
        var g = _grad ?? throw new CrossbarException(
            "training.batch_size > 1 is not possible with this update.rule (it applies pulses per example); use batch_size: 1");
        delta.CopyTo(_dScratch);
        Rule.FilterBatchDelta(_dScratch);
        int cols = Tile.Columns;
        for (int i = 0; i < Tile.Inputs; i++)
        {
            if (x[i] != 0f)
            {
                Kernels.Axpy(x[i], _dScratch, g.AsSpan(i * cols, cols));
            }
        }
        if (Tile.Bias)
        {
            Kernels.Axpy(1f, _dScratch, g.AsSpan(Tile.Inputs * cols, cols));
        }
    }

    public void ApplyAccumulated(float learningRate, int batch)
    {
        if (_grad is null)
        {
            return;
        }
        Rule.ApplyBatch(Tile, _grad, learningRate, batch);
        Array.Clear(_grad);
    }

    public void CopyWeights(Span<float> destination) => Tile.CopyWeights(destination);

    /// <summary>
    /// Checkpoint state: the tile (devices, cached weights, streams), the rule, the RESET schedule and the stochastic
    /// forward/backward streams (checkpoints are taken at epoch ends, when the mini-batch sum is empty).
    /// </summary>
    public void SaveState(BinaryWriter writer)
    {
        Tile.SaveState(writer);
        Rule.SaveState(writer);
        Reset?.SaveState(writer);
        _forwardStream?.SaveState(writer);
        _backwardStream?.SaveState(writer);
    }

    public void LoadState(BinaryReader reader)
    {
        Tile.LoadState(reader);
        Rule.LoadState(reader);
        Reset?.LoadState(reader);
        _forwardStream?.LoadState(reader);
        _backwardStream?.LoadState(reader);
    }

    /// <summary>Advances the tile's clock by one example and runs the occasional/periodic RESET when due.</summary>
    public void EndExample()
    {
        Tile.AdvanceExample();
        Reset?.AfterExample(Tile);
    }
}
