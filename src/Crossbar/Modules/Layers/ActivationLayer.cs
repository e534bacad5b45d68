using System.Numerics.Tensors;
using Crossbar.Network.Activations;

namespace Crossbar.Modules.Layers;

/// <summary>
/// Any of the papers' neuron functions (tanh, sigmoid, hard sigmoid, …) applied element-wise, with its exact
/// derivative; the same <see cref="Activation"/> objects the fully connected networks use.
/// </summary>
public sealed class ActivationLayer : Module
{
    private readonly Activation _f;
    private float[] _scratch = [];

    public ActivationLayer(Activation f, string kind)
    {
        if (f is SoftmaxActivation)
        {
            throw new ArgumentException("softmax is part of the cross-entropy loss, not a layer", nameof(f));
        }
        _f = f;
        Kind = kind;
    }

    public override string Kind { get; }

    public override Shape OutputShape(ReadOnlySpan<Shape> inputs) => inputs[0];

    public override string Describe() => _f.Describe();

    public override void Forward(ReadOnlySpan<Tensor> inputs, Tensor output, ForwardMode mode, WorkerPool pool) =>
        _f.Apply(inputs[0].Span, output.Span);

    public override void Backward(ReadOnlySpan<Tensor> inputs, Tensor output, Tensor outputGrad, ReadOnlySpan<Tensor?> inputGrads, WorkerPool pool)
    {
        if (inputGrads[0] is not { } dx)
        {
            return;
        }
        if (_scratch.Length < output.Length)
        {
            _scratch = new float[output.Length];
        }
        var d = _scratch.AsSpan(0, output.Length);
        _f.Derivative(inputs[0].Span, output.Span, d);
        TensorPrimitives.Multiply(d, outputGrad.Span, dx.Span);
    }
}
