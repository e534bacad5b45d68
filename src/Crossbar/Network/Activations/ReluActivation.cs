using System.Numerics.Tensors;

namespace Crossbar.Network.Activations;

/// <summary>f(z) = max(0, z) (003_401f633e2540c503.txt Eq. 1 lists it among the usual choices).</summary>
public sealed class ReluActivation : Activation
{
    public override void Apply(ReadOnlySpan<float> z, Span<float> a) => TensorPrimitives.Max(z, 0f, a);

    public override void Derivative(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> d)
    {
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = z[i] > 0f ? 1f : 0f;
        }
    }

    public override float PeakDerivative => 1f;

    /// <summary>Unbounded above; quantization saturates at 1.</summary>
    public override (float Low, float High) OutputRange => (0f, 1f);

    public override string Describe() => "relu";
}
