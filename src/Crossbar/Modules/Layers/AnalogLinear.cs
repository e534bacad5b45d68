using System.Numerics.Tensors;
using Crossbar.Tiles;

namespace Crossbar.Modules.Layers;

/// <summary>
/// A <see cref="Linear"/> layer on analog tiles: the weight [out, in] is the grid's in × out matrix and each example is
/// one MVM; bias digital. Inference-only or straight-through training, as <see cref="AnalogConv2d"/>.
/// </summary>
public sealed class AnalogLinear : Module, IAnalogModule
{
    private readonly Action<int, int, int> _forwardBody;
    private GridScratch[] _scratch = [];
    private ulong _noiseKey;
    private long _examples;
    private Tensor? _x;
    private Tensor? _y;

    public AnalogLinear(Linear source, TileGrid grid)
    {
        if (grid.Rows != source.InFeatures || grid.Columns != source.OutFeatures)
        {
            throw new ArgumentException($"{source.Name}: a {grid.Rows}×{grid.Columns} grid does not hold a {source.InFeatures}×{source.OutFeatures} weight");
        }
        Source = source;
        Grid = grid;
        _forwardBody = ForwardRange;
    }

    public Linear Source { get; }

    public TileGrid Grid { get; }

    public override string Kind => "analog_linear";

    public override IReadOnlyList<Parameter> Parameters => Source.Parameters;

    public override Shape OutputShape(ReadOnlySpan<Shape> inputs) => Source.OutputShape(inputs);

    public override long MacsPerExample(ReadOnlySpan<Shape> inputs) => Source.MacsPerExample(inputs);

    public override string Describe() => $"analog {Source.Describe()} on {Grid.RowBlocks}×{Grid.ColumnBlocks} tile(s)";

    /// <summary>The weight as the grid's rows × columns matrix (rows = inputs; columns = outputs).</summary>
    public float[] TileMatrix()
    {
        var m = new float[Source.InFeatures * Source.OutFeatures];
        CopyTileMatrix(m);
        return m;
    }

    public void CopyTileMatrix(Span<float> matrix) => TileGrid.TransposeWeight(Source.Weight.Value, Source.OutFeatures, Source.InFeatures, matrix);

    public void ResetNoise(ulong key)
    {
        _noiseKey = key;
        _examples = 0;
    }

    public bool StraightThrough { get; set; }

    public override void Forward(ReadOnlySpan<Tensor> inputs, Tensor output, ForwardMode mode, WorkerPool pool)
    {
        if (StraightThrough)
        {
            Source.Forward(inputs, output, mode, pool);
            if (mode != ForwardMode.Train)
            {
                return;
            }
        }
        if (_scratch.Length < pool.Threads)
        {
            _scratch = Enumerable.Range(0, pool.Threads).Select(_ => Grid.CreateScratch(1)).ToArray();
        }
        _x = inputs[0];
        _y = output;
        pool.Run(inputs[0].Batch, _forwardBody);
        _x = _y = null;
        _examples += inputs[0].Batch;
    }

    public override void Backward(ReadOnlySpan<Tensor> inputs, Tensor output, Tensor outputGrad, ReadOnlySpan<Tensor?> inputGrads, WorkerPool pool)
    {
        if (!StraightThrough)
        {
            throw new InvalidOperationException($"{Name}: analog linear layers on programmed tiles are inference-only; train the float network (hardware-aware training) and map it");
        }
        Source.Backward(inputs, output, outputGrad, inputGrads, pool);
    }

    private void ForwardRange(int start, int end, int worker)
    {
        var s = _scratch[worker];
        var bias = Source.Bias?.Value;
        ulong perExample = Grid.NoiseHashes(1);
        for (int n = start; n < end; n++)
        {
            var yn = _y!.Example(n);
            Grid.MultiplyRows(_x!.Example(n), 1, Source.InFeatures, yn, _noiseKey, (ulong)(_examples + n) * perExample, s);
            if (bias is not null)
            {
                TensorPrimitives.Add(yn, bias, yn);
            }
        }
    }
}
