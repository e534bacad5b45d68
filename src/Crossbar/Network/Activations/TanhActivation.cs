using System.Numerics.Tensors;

namespace Crossbar.Network.Activations;

/// <summary>f(z) = α·tanh(slope·z) + β — 000_be961920015dd47a.txt Fig. 4 (scale α, shift β; α = β = 0.5 gives [0, 1]).</summary>
public sealed class TanhActivation(float alpha, float beta, float slope) : Activation
{
    public float Alpha { get; } = alpha;
    public float Beta { get; } = beta;
    public float Slope { get; } = slope;

    public override void Apply(ReadOnlySpan<float> z, Span<float> a)
    {
        TensorPrimitives.Multiply(z, Slope, a);
        TensorPrimitives.Tanh(a, a);
        if (Alpha != 1f || Beta != 0f)
        {
            TensorPrimitives.Multiply(a, Alpha, a);
            TensorPrimitives.Add(a, Beta, a);
        }
    }

    public override void Derivative(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> d)
    {
        // f′ = α·slope·(1 − t²) with t = (a − β)/α.
        float inv = 1f / Alpha, k = Alpha * Slope;
        for (int i = 0; i < d.Length; i++)
        {
            float t = (a[i] - Beta) * inv;
            d[i] = k * (1f - t * t);
        }
    }

    public override float PeakDerivative => Alpha * Slope;

    public override (float Low, float High) OutputRange => (Beta - Alpha, Beta + Alpha);

    public override string Describe() => $"tanh(α={Alpha}, β={Beta}, slope={Slope})";
}
