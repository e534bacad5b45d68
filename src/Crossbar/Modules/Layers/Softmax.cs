using System.Numerics.Tensors;

namespace Crossbar.Modules.Layers;

/// <summary>
/// Softmax over each example's features (ONNX Softmax at the last axis of an [N, F] tensor), as imported networks often
/// end with it: the outputs are probabilities, so accuracy (argmax) is unchanged. Backward: dx = y ⊙ (dy − ⟨y, dy⟩).
/// Training uses logits (the loss applies its own softmax), so trainers refuse a graph that ends with this module.
/// </summary>
public sealed class Softmax : Module
{
    public override string Kind => "softmax";

    public override Shape OutputShape(ReadOnlySpan<Shape> inputs)
    {
        if (!inputs[0].IsFlat)
        {
            throw Mismatch($"applies to flat features, not {inputs[0]}");
        }
        return inputs[0];
    }

    public override void Forward(ReadOnlySpan<Tensor> inputs, Tensor output, ForwardMode mode, WorkerPool pool)
    {
        for (int n = 0; n < output.Batch; n++)
        {
            TensorPrimitives.SoftMax(inputs[0].Example(n), output.Example(n));
        }
    }

    public override void Backward(ReadOnlySpan<Tensor> inputs, Tensor output, Tensor outputGrad, ReadOnlySpan<Tensor?> inputGrads, WorkerPool pool)
    {
        if (inputGrads[0] is not { } dx)
        {
            return;
        }
        for (int n = 0; n < output.Batch; n++)
        {
            var y = output.Example(n);
            var dy = outputGrad.Example(n);
            var d = dx.Example(n);
            float dot = TensorPrimitives.Dot<float>(y, dy);
            TensorPrimitives.Subtract(dy, dot, d);
            TensorPrimitives.Multiply(d, y, d);
        }
    }
}
