using System.Numerics.Tensors;
using Crossbar.Tiles;

namespace Crossbar.Modules.Layers;

/// <summary>
/// A <see cref="Linear"/> layer on analog tiles: the weight [out, in] is the grid's in × out matrix and each example is
/// one MVM; bias digital. Inference only, as <see cref="AnalogConv2d"/>.
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

    public float[] TileMatrix()
    {
        int ins = Source.InFeatures, outs = Source.OutFeatures;
        var w = Source.Weight.Value;
        var m = new float[ins * outs];
        for (int o = 0; o < outs; o++)
        {
            for (int i = 0; i < ins; i++)
            {
                m[i * outs + o] = w[o * ins + i];
            }
        }
        return m;
    }

    public void ResetNoise(ulong key)
    {
        _noiseKey = key;
        _examples = 0;
    }

    public override void Forward(ReadOnlySpan<Tensor> inputs, Tensor output, ForwardMode mode, WorkerPool pool)
    {
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

    public override void Backward(ReadOnlySpan<Tensor> inputs, Tensor output, Tensor outputGrad, ReadOnlySpan<Tensor?> inputGrads, WorkerPool pool) =>
        throw new InvalidOperationException($"{Name}: analog linear layers are inference-only; train the float network (hardware-aware training) and map it");

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
