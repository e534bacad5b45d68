using System.Numerics.Tensors;

namespace Crossbar.Network.Activations;

/// <summary>Softmax over the output layer (002 §2.3, 003 §III); paired with cross-entropy, so δ = t − a needs no f′.</summary>
public sealed class SoftmaxActivation : Activation
{
    public override void Apply(ReadOnlySpan<float> z, Span<float> a)
    {
        // Shift by the maximum so large logits cannot overflow exp().
        TensorPrimitives.Subtract(z, TensorPrimitives.Max(z), a);
        TensorPrimitives.Exp(a, a);
        TensorPrimitives.Divide(a, TensorPrimitives.Sum(a), a);
    }

    /// <summary>Diagonal of the Jacobian, a(1 − a); only used if softmax is combined with a loss other than cross-entropy.</summary>
    public override void Derivative(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> d)
    {
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = a[i] * (1f - a[i]);
        }
    }

    public override float PeakDerivative => 0.25f;

    public override (float Low, float High) OutputRange => (0f, 1f);

    public override string Describe() => "softmax";
}
