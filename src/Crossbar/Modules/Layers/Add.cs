using System.Numerics.Tensors;

namespace Crossbar.Modules.Layers;

/// <summary>Residual addition y = a + b of two branches of the same shape (He et al. 2016).</summary>
public sealed class Add : Module
{
    public override string Kind => "add";

    public override int Arity => 2;

    public override Shape OutputShape(ReadOnlySpan<Shape> inputs)
    {
        if (inputs[0] != inputs[1])
        {
            throw Mismatch($"adds branches of different shapes: {inputs[0]} and {inputs[1]}");
        }
        return inputs[0];
    }

    public override void Forward(ReadOnlySpan<Tensor> inputs, Tensor output, ForwardMode mode, WorkerPool pool) =>
        TensorPrimitives.Add(inputs[0].Span, inputs[1].Span, output.Span);

    public override void Backward(ReadOnlySpan<Tensor> inputs, Tensor output, Tensor outputGrad, ReadOnlySpan<Tensor?> inputGrads, WorkerPool pool)
    {
        foreach (var g in inputGrads)
        {
            if (g is not null)
            {
                outputGrad.Span.CopyTo(g.Span);
            }
        }
    }
}
