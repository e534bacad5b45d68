using Crossbar.Numerics;

namespace Crossbar.Modules.Layers;

/// <summary>
/// 2-D convolution over NCHW by im2col + GEMM: the kernel [out, in, kh, kw] is an out × (in·kh·kw) matrix, the same
/// matrix an analog tile would hold (one MVM per output position). Images are split over the workers; the weight
/// gradient is summed over a fixed number of image chunks, then over the chunks in order, so it does not depend on
/// the thread count.
/// </summary>
public sealed class Conv2d : Module, IEvaluationFusion
{
    /// <summary>Chunks the batch is cut into for the weight gradient (fixed, so sums do not depend on threads).</summary>
    private const int GradientChunks = 8;

    private readonly Parameter _weight;
    private readonly Parameter? _bias;
    private readonly Action<int, int, int> _forwardBody;
    private readonly Action<int, int, int> _backwardBody;
    private float[][] _cols = [];
    private float[][] _dcols = [];
    private float[] _chunkGrads = [];
    private Shape _in;
    private Shape _out;
    // Implicit-GEMM paths (stride 1, see ImplicitConv): packed kernels, read offsets and padded copies per worker.
    private Shape _preparedIn;
    private bool _implicitForward;
    private bool _implicitInputGrad;
    private bool _implicitWeightGrad;
    private float[] _packedW = [];
    private float[] _flipped = [];
    private float[] _packedFlipped = [];
    private int[] _offsets = [];
    private int[] _gradOffsets = [];
    private float[][] _padded = [];
    private float[][] _gradPadded = [];
    private int _group = 1;
    // Arguments of the current parallel pass (set before pool.Run so the bodies need no closures).
    private Tensor? _x;
    private Tensor? _y;
    private Tensor? _dy;
    private Tensor? _dx;
    private ChannelEpilogue? _epilogue;

    public Conv2d(int inChannels, int outChannels, int kernel, int stride = 1, int padding = 0, bool bias = true)
    {
        if (inChannels < 1 || outChannels < 1 || kernel < 1 || stride < 1 || padding < 0)
        {
            throw new ArgumentException($"conv2d {inChannels}→{outChannels} kernel {kernel} stride {stride} padding {padding}: sizes must be positive");
        }
        InChannels = inChannels;
        OutChannels = outChannels;
        Kernel = kernel;
        Stride = stride;
        Padding = padding;
        _weight = new Parameter("weight", [outChannels, inChannels, kernel, kernel], decay: true);
        _bias = bias ? new Parameter("bias", [outChannels], decay: false) : null;
        _forwardBody = ForwardRange;
        _backwardBody = BackwardChunks;
    }

    public int InChannels { get; }

    public int OutChannels { get; }

    public int Kernel { get; }

    public int Stride { get; }

    public int Padding { get; }

    public Parameter Weight => _weight;

    public Parameter? Bias => _bias;

    public override string Kind => "conv2d";

    public override IReadOnlyList<Parameter> Parameters => _bias is null ? [_weight] : [_weight, _bias];

    /// <summary>in·kh·kw: the rows of the unrolled kernel matrix.</summary>
    public int Fan => InChannels * Kernel * Kernel;

    private bool IsPointwise => Kernel == 1 && Stride == 1 && Padding == 0;

    public override Shape OutputShape(ReadOnlySpan<Shape> inputs)
    {
        var s = inputs[0];
        if (s.Channels != InChannels)
        {
            throw Mismatch($"expects {InChannels} input channels but gets {s} (shape C×H×W)");
        }
        int oh = Im2Col.OutputSize(s.Height, Kernel, Stride, Padding), ow = Im2Col.OutputSize(s.Width, Kernel, Stride, Padding);
        if (oh < 1 || ow < 1)
        {
            throw Mismatch($"a {Kernel}×{Kernel} kernel with padding {Padding} does not fit the {s.Height}×{s.Width} input");
        }
        return new Shape(OutChannels, oh, ow);
    }

    public override long MacsPerExample(ReadOnlySpan<Shape> inputs) => (long)OutputShape(inputs).Size * Fan;

    public override string Describe() =>
        $"conv2d {InChannels}→{OutChannels} {Kernel}×{Kernel}{(Stride > 1 ? $" stride {Stride}" : "")}{(Padding > 0 ? $" pad {Padding}" : "")}{(_bias is null ? " no bias" : "")}";

    /// <summary>He (Kaiming) normal, fan-in, gain √2 (He et al. 2015, as the CIFAR ResNets use); bias U(±1/√fan).</summary>
    public override void Initialize(ulong seed)
    {
        var rng = CounterRng.ForStream(seed, "init:" + Name);
        rng.FillGaussian(_weight.Value, 0f, MathF.Sqrt(2f / Fan));
        if (_bias is not null)
        {
            float bound = 1f / MathF.Sqrt(Fan);
            for (int i = 0; i < _bias.Length; i++)
            {
                _bias.Value[i] = (2f * rng.NextFloat() - 1f) * bound;
            }
        }
    }

    public override void Forward(ReadOnlySpan<Tensor> inputs, Tensor output, ForwardMode mode, WorkerPool pool)
    {
        Prepare(inputs[0].Shape, output.Shape, pool.Threads);
        if (_implicitForward)
        {
            ImplicitConv.PackWeights(_weight.Value, OutChannels, Fan, _packedW);
        }
        _x = inputs[0];
        _y = output;
        pool.Run(inputs[0].Batch, _forwardBody);
        _x = _y = null;
    }

    public bool AcceptsAffine => true;

    public void ForwardFused(ReadOnlySpan<Tensor> inputs, Tensor output, ChannelEpilogue epilogue, WorkerPool pool)
    {
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

    private void ForwardRange(int start, int end, int worker)
    {
        var x = _x!;
        var y = _y!;
        int ohw = _out.Pixels;
        var w = _weight.Value;
        for (int n = start; n < end; n++)
        {
            var yn = y.Example(n);
            if (_implicitForward)
            {
                var padded = _padded[worker];
                ImplicitConv.Pad(x.Example(n), InChannels, _in.Height, _in.Width, Padding, padded, clearBorder: false);
                ImplicitConv.Forward(_packedW, OutChannels, _offsets, padded, _in.Width + 2 * Padding, _out.Height, _out.Width, yn);
            }
            else
            {
                ReadOnlySpan<float> cols = Columns(x.Example(n), worker);
                Gemm.Multiply(false, false, OutChannels, ohw, Fan, w, Fan, cols, ohw, yn, ohw);
            }
            if (_bias is not null)
            {
                for (int c = 0; c < OutChannels; c++)
                {
                    System.Numerics.Tensors.TensorPrimitives.Add(yn.Slice(c * ohw, ohw), _bias.Value[c], yn.Slice(c * ohw, ohw));
                }
            }
            _epilogue?.Apply(yn, ohw);
        }
    }

    public override void Backward(ReadOnlySpan<Tensor> inputs, Tensor output, Tensor outputGrad, ReadOnlySpan<Tensor?> inputGrads, WorkerPool pool)
    {
        Prepare(inputs[0].Shape, output.Shape, pool.Threads);
        if (_implicitInputGrad && inputGrads[0] is not null)
        {
            ImplicitConv.FlipForInputGradient(_weight.Value, OutChannels, InChannels, Kernel, Kernel, _flipped);
            ImplicitConv.PackWeights(_flipped, InChannels, OutChannels * Kernel * Kernel, _packedFlipped);
        }
        _x = inputs[0];
        _dy = outputGrad;
        _dx = inputGrads[0];
        int chunks = Math.Min(GradientChunks, inputs[0].Batch);
        pool.Run(chunks, _backwardBody);
        _x = _dy = _dx = null;
        // Sum the chunks' partial gradients in chunk order.
        int wl = _weight.Length;
        int per = wl + OutChannels;
        var dw = _weight.Grad.AsSpan();
        _chunkGrads.AsSpan(0, wl).CopyTo(dw);
        for (int ch = 1; ch < chunks; ch++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(dw, _chunkGrads.AsSpan(ch * per, wl), dw);
        }
        if (_bias is not null)
        {
            var db = _bias.Grad.AsSpan();
            _chunkGrads.AsSpan(wl, OutChannels).CopyTo(db);
            for (int ch = 1; ch < chunks; ch++)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(db, _chunkGrads.AsSpan(ch * per + wl, OutChannels), db);
            }
        }
    }

    private void BackwardChunks(int start, int end, int worker)
    {
        int batch = _x!.Batch;
        int chunks = Math.Min(GradientChunks, batch);
        int ohw = _out.Pixels;
        int wl = _weight.Length;
        int per = wl + OutChannels;
        var w = _weight.Value;
        for (int ch = start; ch < end; ch++)
        {
            var dw = _chunkGrads.AsSpan(ch * per, wl);
            var db = _chunkGrads.AsSpan(ch * per + wl, OutChannels);
            db.Clear();
            int first = (int)((long)ch * batch / chunks), last = (int)((long)(ch + 1) * batch / chunks);
            if (_implicitWeightGrad)
            {
                // A group of images at a time, as many as stay in L2 (fixed by the shape, not by the threads).
                int pl = ImplicitConv.PaddedLength(InChannels, _in.Height, _in.Width, Padding);
                var padded = _padded[worker];
                for (int g0 = first; g0 < last; g0 += _group)
                {
                    int count = Math.Min(_group, last - g0);
                    for (int i = 0; i < count; i++)
                    {
                        ImplicitConv.Pad(_x.Example(g0 + i), InChannels, _in.Height, _in.Width, Padding, padded.AsSpan(i * pl, pl), clearBorder: false);
                    }
                    ImplicitConv.WeightGradient(_dy!.Array.AsSpan(g0 * _dy.Stride, count * _dy.Stride), OutChannels, _offsets, padded, pl, count,
                        _in.Width + 2 * Padding, _out.Height, _out.Width, dw, accumulate: g0 > first);
                }
            }
            for (int n = first; n < last; n++)
            {
                var dyn = _dy!.Example(n);
                if (!_implicitWeightGrad)
                {
                    ReadOnlySpan<float> cols = Columns(_x.Example(n), worker);
                    // dW (out × fan) += dY_n (out × ohw) · cols_nᵀ
                    Gemm.Multiply(false, true, OutChannels, Fan, ohw, dyn, ohw, cols, ohw, dw, Fan, accumulate: n > first);
                }
                if (_bias is not null)
                {
                    for (int c = 0; c < OutChannels; c++)
                    {
                        db[c] += System.Numerics.Tensors.TensorPrimitives.Sum(dyn.Slice(c * ohw, ohw));
                    }
                }
                if (_dx is not null)
                {
                    var dxn = _dx.Example(n);
                    if (_implicitInputGrad)
                    {
                        // dX = the stride-1 convolution of dY, padded by k − 1 − p, with the flipped, transposed kernel.
                        int gp = Kernel - 1 - Padding;
                        var padded = _gradPadded[worker];
                        ImplicitConv.Pad(dyn, OutChannels, _out.Height, _out.Width, gp, padded, clearBorder: false);
                        ImplicitConv.Forward(_packedFlipped, InChannels, _gradOffsets, padded, _out.Width + 2 * gp, _in.Height, _in.Width, dxn);
                    }
                    else if (IsPointwise)
                    {
                        Gemm.Multiply(true, false, Fan, ohw, OutChannels, w, Fan, dyn, ohw, dxn, ohw);
                    }
                    else
                    {
                        var dcols = _dcols[worker].AsSpan(0, Fan * ohw);
                        Gemm.Multiply(true, false, Fan, ohw, OutChannels, w, Fan, dyn, ohw, dcols, ohw);
                        dxn.Clear();
                        Im2Col.Col2ImAccumulate(dcols, InChannels, _in.Height, _in.Width, Kernel, Kernel, Stride, Stride, Padding, Padding, dxn);
                    }
                }
            }
        }
    }

    /// <summary>The unrolled input of one image (the image itself for 1×1 stride-1 kernels).</summary>
    private ReadOnlySpan<float> Columns(ReadOnlySpan<float> image, int worker)
    {
        if (IsPointwise)
        {
            return image;
        }
        var cols = _cols[worker].AsSpan(0, Fan * _out.Pixels);
        Im2Col.Forward(image, InChannels, _in.Height, _in.Width, Kernel, Kernel, Stride, Stride, Padding, Padding, cols);
        return cols;
    }

    private void Prepare(Shape input, Shape output, int workers)
    {
        _in = input;
        _out = output;
        if (input != _preparedIn || _padded.Length < workers)
        {
            PrepareImplicit(input, output, workers);
        }
        int need = Fan * output.Pixels;
        if (_cols.Length < workers)
        {
            Array.Resize(ref _cols, workers);
            Array.Resize(ref _dcols, workers);
        }
        for (int i = 0; i < workers; i++)
        {
            if (_cols[i] is null || _cols[i].Length < need)
            {
                _cols[i] = new float[need];
                _dcols[i] = new float[need];
            }
        }
        int grads = GradientChunks * (_weight.Length + OutChannels);
        if (_chunkGrads.Length < grads)
        {
            _chunkGrads = new float[grads];
        }
    }

    private void PrepareImplicit(Shape input, Shape output, int workers)
    {
        _preparedIn = input;
        int gp = Kernel - 1 - Padding;
        _implicitForward = Stride == 1 && !IsPointwise && ImplicitConv.Supports(OutChannels, output.Height, output.Width);
        _implicitInputGrad = Stride == 1 && !IsPointwise && gp >= 0 && ImplicitConv.Supports(InChannels, input.Height, input.Width);
        _implicitWeightGrad = _implicitForward && ImplicitConv.SupportsWeightGradient(OutChannels, output.Height, output.Width);
        int paddedLength = ImplicitConv.PaddedLength(InChannels, input.Height, input.Width, Padding);
        // Images per weight-gradient pass: their padded inputs and output gradients fill about 384 KiB of L2.
        _group = _implicitWeightGrad ? Math.Clamp(96 * 1024 / (paddedLength + output.Size), 1, 16) : 1;
        _padded = new float[workers][];
        _gradPadded = new float[workers][];
        if (_implicitForward)
        {
            _packedW = new float[ImplicitConv.PackedWeightsLength(OutChannels, Fan)];
            _offsets = new int[Fan];
            ImplicitConv.Offsets(InChannels, Kernel, Kernel, input.Height + 2 * Padding, input.Width + 2 * Padding, _offsets);
            for (int i = 0; i < workers; i++)
            {
                // Zeroed once: Pad rewrites only the interior, so the border stays zero.
                _padded[i] = new float[paddedLength * _group];
            }
        }
        if (_implicitInputGrad)
        {
            int k = OutChannels * Kernel * Kernel;
            _flipped = new float[_weight.Length];
            _packedFlipped = new float[ImplicitConv.PackedWeightsLength(InChannels, k)];
            _gradOffsets = new int[k];
            ImplicitConv.Offsets(OutChannels, Kernel, Kernel, output.Height + 2 * gp, output.Width + 2 * gp, _gradOffsets);
            for (int i = 0; i < workers; i++)
            {
                _gradPadded[i] = new float[ImplicitConv.PaddedLength(OutChannels, output.Height, output.Width, gp)];
            }
        }
    }
}
