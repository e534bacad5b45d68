using System.Numerics.Tensors;
using Crossbar.Numerics;
using Crossbar.Tiles;

namespace Crossbar.Modules.Layers;

/// <summary>
/// A <see cref="Conv2d"/> on analog tiles (004 Fig. 4; aihwkit AnalogConv2d): the kernel is unrolled to the
/// (in·kh·kw) × out matrix of a <see cref="TileGrid"/>, and each output position is one MVM of its unrolled input patch
/// (im2col), all positions of an image in one batched pass. Bias and the batch norm after it stay digital (and run
/// fused in evaluation). On programmed tiles it is inference-only; with <see cref="IAnalogModule.StraightThrough"/> it trains the
/// float layer it came from through the periphery.
/// </summary>
public sealed class AnalogConv2d : Module, IEvaluationFusion, IAnalogModule
{
    private readonly Action<int, int, int> _forwardBody;
    private GridScratch[] _scratch = [];
    private float[][] _cols = [];
    private Shape _in;
    private Shape _out;
    private ulong _noiseKey;
    private long _examples;
    private Tensor? _x;
    private Tensor? _y;
    private ChannelEpilogue? _epilogue;

    public AnalogConv2d(Conv2d source, TileGrid grid)
    {
        if (grid.Rows != source.Fan || grid.Columns != source.OutChannels)
        {
            throw new ArgumentException($"{source.Name}: a {grid.Rows}×{grid.Columns} grid does not hold a {source.Fan}×{source.OutChannels} kernel");
        }
        Source = source;
        Grid = grid;
        _forwardBody = ForwardRange;
    }

    public Conv2d Source { get; }

    public TileGrid Grid { get; }

    public override string Kind => "analog_conv2d";

    public override IReadOnlyList<Parameter> Parameters => Source.Parameters;

    public bool AcceptsAffine => true;

    public override Shape OutputShape(ReadOnlySpan<Shape> inputs) => Source.OutputShape(inputs);

    public override long MacsPerExample(ReadOnlySpan<Shape> inputs) => Source.MacsPerExample(inputs);

    public override string Describe() => $"analog {Source.Describe()} on {Grid.RowBlocks}×{Grid.ColumnBlocks} tile(s)";

    /// <summary>The weight as the grid's rows × columns matrix (rows = inputs, in·kh·kw; columns = outputs).</summary>
    public float[] TileMatrix()
    {
        var m = new float[Source.Fan * Source.OutChannels];
        CopyTileMatrix(m);
        return m;
    }

    public void CopyTileMatrix(Span<float> matrix) => TileGrid.TransposeWeight(Source.Weight.Value, Source.OutChannels, Source.Fan, matrix);

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
            // The float pass keeps what the float backward needs; in training its output is replaced by the grid's.
            Source.Forward(inputs, output, mode, pool);
            if (mode != ForwardMode.Train)
            {
                return;
            }
        }
        Prepare(inputs[0].Shape, output.Shape, pool.Threads);
        _x = inputs[0];
        _y = output;
        pool.Run(inputs[0].Batch, _forwardBody);
        _x = _y = null;
        _examples += inputs[0].Batch;
    }

    public void ForwardFused(ReadOnlySpan<Tensor> inputs, Tensor output, ChannelEpilogue epilogue, WorkerPool pool)
    {
        if (StraightThrough)
        {
            Source.ForwardFused(inputs, output, epilogue, pool);
            return;
        }
        _epilogue = epilogue;
        try
        {
            Forward(inputs, output, ForwardMode.Evaluate, pool);
        }
        finally
        {
            _epilogue = null;
        }
    }

    public override void Backward(ReadOnlySpan<Tensor> inputs, Tensor output, Tensor outputGrad, ReadOnlySpan<Tensor?> inputGrads, WorkerPool pool)
    {
        if (!StraightThrough)
        {
            throw new InvalidOperationException($"{Name}: analog convolutions on programmed tiles are inference-only; train the float network (hardware-aware training) and map it");
        }
        Source.Backward(inputs, output, outputGrad, inputGrads, pool);
    }

    private void ForwardRange(int start, int end, int worker)
    {
        var x = _x!;
        var y = _y!;
        int ohw = _out.Pixels;
        var bias = Source.Bias?.Value;
        var s = _scratch[worker];
        ulong perImage = Grid.NoiseHashes(ohw);
        bool pointwise = Source.Kernel == 1 && Source.Stride == 1 && Source.Padding == 0;
        for (int n = start; n < end; n++)
        {
            var yn = y.Example(n);
            ReadOnlySpan<float> cols;
            if (pointwise)
            {
                cols = x.Example(n);
            }
            else
            {
                var c = _cols[worker].AsSpan(0, Source.Fan * ohw);
                Im2Col.Forward(x.Example(n), Source.InChannels, _in.Height, _in.Width, Source.Kernel, Source.Kernel,
                    Source.Stride, Source.Stride, Source.Padding, Source.Padding, c);
                cols = c;
            }
            Grid.MultiplyColumns(cols, ohw, yn, _noiseKey, (ulong)(_examples + n) * perImage, s);
            if (bias is not null)
            {
                for (int ch = 0; ch < Source.OutChannels; ch++)
                {
                    TensorPrimitives.Add(yn.Slice(ch * ohw, ohw), bias[ch], yn.Slice(ch * ohw, ohw));
                }
            }
            _epilogue?.Apply(yn, ohw);
        }
    }

    private void Prepare(Shape input, Shape output, int workers)
    {
        _in = input;
        _out = output;
        if (_scratch.Length < workers || _scratch[0].Vectors < output.Pixels)
        {
            _scratch = Enumerable.Range(0, workers).Select(_ => Grid.CreateScratch(output.Pixels)).ToArray();
            _cols = Enumerable.Range(0, workers).Select(_ => new float[Source.Fan * output.Pixels]).ToArray();
        }
    }
}
