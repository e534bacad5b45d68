using System.Numerics.Tensors;

namespace Crossbar.Modules.Layers;

/// <summary>
/// min(max(x, low), high) element-wise (ONNX Clip, ReLU6), or with <see cref="LeakySlope"/> the leaky ReLU
/// x &gt; 0 ? x : slope·x (ONNX LeakyRelu). Backward: dy where the input is inside the range (times the slope below 0).
/// </summary>
public sealed class Clip : Module
{
    private Clip(float low, float high, float? slope)
    {
        Low = low;
        High = high;
        LeakySlope = slope;
    }

    public static Clip Range(float low, float high) => new(low, high, null);

    public static Clip Leaky(float slope) => new(float.NegativeInfinity, float.PositiveInfinity, slope);

    public float Low { get; }

    public float High { get; }

    public float? LeakySlope { get; }

    public override string Kind => LeakySlope is null ? "clip" : "leaky_relu";

    public override string Describe() => LeakySlope is { } a ? $"leaky_relu {a}" : $"clip [{Low}, {High}]";

    public override Shape OutputShape(ReadOnlySpan<Shape> inputs) => inputs[0];

    public override void Forward(ReadOnlySpan<Tensor> inputs, Tensor output, ForwardMode mode, WorkerPool pool)
    {
        var x = inputs[0].Span;
        var y = output.Span;
        if (LeakySlope is { } a)
        {
            for (int i = 0; i < x.Length; i++)
            {
                y[i] = x[i] > 0 ? x[i] : a * x[i];
            }
            return;
        }
        TensorPrimitives.Clamp(x, Low, High, y);
    }

    public override void Backward(ReadOnlySpan<Tensor> inputs, Tensor output, Tensor outputGrad, ReadOnlySpan<Tensor?> inputGrads, WorkerPool pool)
    {
        if (inputGrads[0] is not { } dxTensor)
        {
            return;
        }
        var x = inputs[0].Span;
        var dy = outputGrad.Span;
        var dx = dxTensor.Span;
        for (int i = 0; i < x.Length; i++)
        {
            dx[i] = LeakySlope is { } a ? (x[i] > 0 ? dy[i] : a * dy[i]) : (x[i] > Low && x[i] < High ? dy[i] : 0f);
        }
    }
}
