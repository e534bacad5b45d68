namespace Crossbar.Network.Activations;

/// <summary>f(z) = α·clamp(slope·z, −1, 1) + β: the piecewise-linear squashing function of 001_3057d476dc3cdf60.txt Fig. 17/19.</summary>
public sealed class PiecewiseLinearTanhActivation(float alpha, float beta, float slope) : Activation
{
    public float Alpha { get; } = alpha;
    public float Beta { get; } = beta;
    public float Slope { get; } = slope;

    public override void Apply(ReadOnlySpan<float> z, Span<float> a)
    {
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = Alpha * Math.Clamp(Slope * z[i], -1f, 1f) + Beta;
        }
    }

    public override void Derivative(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> d)
    {
        float k = Alpha * Slope;
        for (int i = 0; i < d.Length; i++)
        {
            float s = Slope * z[i];
            d[i] = s > -1f && s < 1f ? k : 0f;
        }
    }

    public override float PeakDerivative => Alpha * Slope;

    public override (float Low, float High) OutputRange => (Beta - Alpha, Beta + Alpha);

    public override string Describe() => $"pwl_tanh(α={Alpha}, β={Beta}, slope={Slope})";
}
