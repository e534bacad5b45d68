using System.Numerics.Tensors;

namespace Crossbar.Network.Activations;

/// <summary>Logistic f(z) = 1/(1 + e^(−slope·z)), the hidden activation of 003_401f633e2540c503.txt §III.</summary>
public sealed class SigmoidActivation(float slope) : Activation
{
    public float Slope { get; } = slope;

    public override void Apply(ReadOnlySpan<float> z, Span<float> a)
    {
        TensorPrimitives.Multiply(z, Slope, a);
        TensorPrimitives.Sigmoid(a, a);
    }

    public override void Derivative(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> d)
    {
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = Slope * a[i] * (1f - a[i]);
        }
    }

    public override float PeakDerivative => Slope * 0.25f;

    public override (float Low, float High) OutputRange => (0f, 1f);

    public override string Describe() => $"sigmoid(slope={Slope})";
}
