namespace Crossbar.Modules.Layers;

/// <summary>
/// The CIFAR ResNets' option-A shortcut (He et al. 2016 §4.2): where a stage halves the resolution and doubles the
/// channels, the identity is subsampled, x[:, :, ::s, ::s], and padded with zero channels, (out − in)/2 on each side.
/// No parameters.
/// </summary>
public sealed class ShortcutA(int outChannels, int stride) : Module
{
    public int OutChannels { get; } = outChannels;

    public int Stride { get; } = stride;

    public override string Kind => "shortcut_a";

    public override string Describe() => $"shortcut_a →{OutChannels} stride {Stride}";

    public override Shape OutputShape(ReadOnlySpan<Shape> inputs)
    {
        var s = inputs[0];
        if (OutChannels < s.Channels || (OutChannels - s.Channels) % 2 != 0)
        {
            throw Mismatch($"pads {s} to {OutChannels} channels; needs at least {s.Channels} and an even difference");
        }
        return new Shape(OutChannels, (s.Height + Stride - 1) / Stride, (s.Width + Stride - 1) / Stride);
    }

    public override void Forward(ReadOnlySpan<Tensor> inputs, Tensor output, ForwardMode mode, WorkerPool pool)
    {
        var x = inputs[0];
        int pad = (OutChannels - x.Shape.Channels) / 2;
        int w = x.Shape.Width, oh = output.Shape.Height, ow = output.Shape.Width;
        output.Clear();
        for (int n = 0; n < x.Batch; n++)
        {
            for (int c = 0; c < x.Shape.Channels; c++)
            {
                var p = x.Plane(n, c);
                var q = output.Plane(n, c + pad);
                for (int oy = 0; oy < oh; oy++)
                {
                    for (int ox = 0; ox < ow; ox++)
                    {
                        q[oy * ow + ox] = p[oy * Stride * w + ox * Stride];
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
        var x = inputs[0];
        int pad = (OutChannels - x.Shape.Channels) / 2;
        int w = x.Shape.Width, oh = output.Shape.Height, ow = output.Shape.Width;
        dx.Clear();
        for (int n = 0; n < x.Batch; n++)
        {
            for (int c = 0; c < x.Shape.Channels; c++)
            {
                var g = outputGrad.Plane(n, c + pad);
                var d = dx.Plane(n, c);
                for (int oy = 0; oy < oh; oy++)
                {
                    for (int ox = 0; ox < ow; ox++)
                    {
                        d[oy * Stride * w + ox * Stride] = g[oy * ow + ox];
                    }
                }
            }
        }
    }
}
