namespace Crossbar.Modules.Layers;

/// <summary>Max or average pooling over k×k windows with a stride and zero padding (average counts the padding, as PyTorch's default).</summary>
public sealed class Pool2d : Module
{
    private int[] _argmax = [];
    private readonly Action<int, int, int> _forwardBody;
    private readonly Action<int, int, int> _backwardBody;
    private Tensor? _x;
    private Tensor? _y;
    private Tensor? _dy;
    private Tensor? _dx;

    public Pool2d(bool max, int kernel, int stride, int padding = 0)
    {
        if (kernel < 1 || stride < 1 || padding < 0 || padding * 2 > kernel)
        {
            throw new ArgumentException($"pool kernel {kernel} stride {stride} padding {padding}: kernel and stride ≥ 1, padding ≤ kernel/2");
        }
        IsMax = max;
        Kernel = kernel;
        Stride = stride;
        Padding = padding;
        _forwardBody = ForwardRange;
        _backwardBody = BackwardRange;
    }

    public bool IsMax { get; }

    public int Kernel { get; }

    public int Stride { get; }

    public int Padding { get; }

    public override string Kind => IsMax ? "max_pool" : "avg_pool";

    public override string Describe() => $"{Kind} {Kernel}×{Kernel} stride {Stride}{(Padding > 0 ? $" pad {Padding}" : "")}";

    public override Shape OutputShape(ReadOnlySpan<Shape> inputs)
    {
        var s = inputs[0];
        int oh = (s.Height + 2 * Padding - Kernel) / Stride + 1, ow = (s.Width + 2 * Padding - Kernel) / Stride + 1;
        if (s.Height + 2 * Padding < Kernel || s.Width + 2 * Padding < Kernel)
        {
            throw Mismatch($"a {Kernel}×{Kernel} window does not fit the {s.Height}×{s.Width} input");
        }
        return new Shape(s.Channels, oh, ow);
    }

    public override void Forward(ReadOnlySpan<Tensor> inputs, Tensor output, ForwardMode mode, WorkerPool pool)
    {
        if (IsMax && _argmax.Length < output.Length)
        {
            _argmax = new int[output.Length];
        }
        _x = inputs[0];
        _y = output;
        pool.Run(inputs[0].Batch, _forwardBody);
        _x = _y = null;
    }

    private void ForwardRange(int start, int end, int worker)
    {
        var x = _x!;
        var y = _y!;
        int h = x.Shape.Height, w = x.Shape.Width, oh = y.Shape.Height, ow = y.Shape.Width;
        float inv = 1f / (Kernel * Kernel);
        for (int n = start; n < end; n++)
        {
            for (int c = 0; c < x.Shape.Channels; c++)
            {
                var p = x.Plane(n, c);
                var q = y.Plane(n, c);
                int outBase = (n * x.Shape.Channels + c) * oh * ow;
                for (int oy = 0; oy < oh; oy++)
                {
                    for (int ox = 0; ox < ow; ox++)
                    {
                        float best = float.NegativeInfinity, sum = 0;
                        int arg = -1;
                        for (int ky = 0; ky < Kernel; ky++)
                        {
                            int iy = oy * Stride - Padding + ky;
                            if ((uint)iy >= (uint)h)
                            {
                                continue;
                            }
                            for (int kx = 0; kx < Kernel; kx++)
                            {
                                int ix = ox * Stride - Padding + kx;
                                if ((uint)ix >= (uint)w)
                                {
                                    continue;
                                }
                                float v = p[iy * w + ix];
                                sum += v;
                                if (v > best || arg < 0)
                                {
                                    best = v;
                                    arg = iy * w + ix;
                                }
                            }
                        }
                        if (IsMax)
                        {
                            q[oy * ow + ox] = best;
                            _argmax[outBase + oy * ow + ox] = arg;
                        }
                        else
                        {
                            q[oy * ow + ox] = sum * inv;
                        }
                    }
                }
            }
        }
    }

    public override void Backward(ReadOnlySpan<Tensor> inputs, Tensor output, Tensor outputGrad, ReadOnlySpan<Tensor?> inputGrads, WorkerPool pool)
    {
        if (inputGrads[0] is not { } dx)
        {
            return;
        }
        _x = inputs[0];
        _dy = outputGrad;
        _dx = dx;
        pool.Run(inputs[0].Batch, _backwardBody);
        _x = _dy = _dx = null;
    }

    private void BackwardRange(int start, int end, int worker)
    {
        var x = _x!;
        var dy = _dy!;
        int h = x.Shape.Height, w = x.Shape.Width, oh = dy.Shape.Height, ow = dy.Shape.Width;
        float inv = 1f / (Kernel * Kernel);
        for (int n = start; n < end; n++)
        {
            for (int c = 0; c < x.Shape.Channels; c++)
            {
                var g = dy.Plane(n, c);
                var d = _dx!.Plane(n, c);
                d.Clear();
                int outBase = (n * x.Shape.Channels + c) * oh * ow;
                for (int oy = 0; oy < oh; oy++)
                {
                    for (int ox = 0; ox < ow; ox++)
                    {
                        float v = g[oy * ow + ox];
                        if (IsMax)
                        {
                            d[_argmax[outBase + oy * ow + ox]] += v;
                            continue;
                        }
                        for (int ky = 0; ky < Kernel; ky++)
                        {
                            int iy = oy * Stride - Padding + ky;
                            if ((uint)iy >= (uint)h)
                            {
                                continue;
                            }
                            for (int kx = 0; kx < Kernel; kx++)
                            {
                                int ix = ox * Stride - Padding + kx;
                                if ((uint)ix < (uint)w)
                                {
                                    d[iy * w + ix] += v * inv;
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
