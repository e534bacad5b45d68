using System.Numerics.Tensors;

namespace Crossbar.Modules.Layers;

/// <summary>Mean over each channel's H×W: N×C×H×W → N×C (the ResNet head, He et al. 2016 §4.2).</summary>
public sealed class GlobalAvgPool : Module
{
    public override string Kind => "global_avg_pool";

    public override Shape OutputShape(ReadOnlySpan<Shape> inputs) => Shape.Flat(inputs[0].Channels);

    public override void Forward(ReadOnlySpan<Tensor> inputs, Tensor output, ForwardMode mode, WorkerPool pool)
    {
        var x = inputs[0];
        float inv = 1f / x.Shape.Pixels;
        var y = output.Span;
        for (int n = 0; n < x.Batch; n++)
        {
            for (int c = 0; c < x.Shape.Channels; c++)
            {
                y[n * x.Shape.Channels + c] = TensorPrimitives.Sum(x.Plane(n, c)) * inv;
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
        float inv = 1f / x.Shape.Pixels;
        var dy = outputGrad.Span;
        for (int n = 0; n < x.Batch; n++)
        {
            for (int c = 0; c < x.Shape.Channels; c++)
            {
                dx.Plane(n, c).Fill(dy[n * x.Shape.Channels + c] * inv);
            }
        }
    }
}
