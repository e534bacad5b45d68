namespace Crossbar.Modules.Layers;

/// <summary>C×H×W → C·H·W features (NCHW order, as PyTorch's and ONNX's Flatten).</summary>
public sealed class Flatten : Module
{
    public override string Kind => "flatten";

    public override Shape OutputShape(ReadOnlySpan<Shape> inputs) => Shape.Flat(inputs[0].Size);

    public override void Forward(ReadOnlySpan<Tensor> inputs, Tensor output, ForwardMode mode, WorkerPool pool) =>
        inputs[0].Span.CopyTo(output.Span);

    public override void Backward(ReadOnlySpan<Tensor> inputs, Tensor output, Tensor outputGrad, ReadOnlySpan<Tensor?> inputGrads, WorkerPool pool) =>
        outputGrad.Span.CopyTo(inputGrads[0] is { } g ? g.Span : []);
}
