namespace Crossbar.Network.Activations;

/// <summary>Hard sigmoid: 0 for z &lt; −c, 1 for z &gt; c, z/(2c) + ½ between; f′ ∈ {0, 1/(2c)} — 002_fcfd05735ec498b2.txt Fig. 1, Table 1.</summary>
public sealed class HardSigmoidActivation(float c) : Activation
{
    public float C { get; } = c;

    public override void Apply(ReadOnlySpan<float> z, Span<float> a)
    {
        float k = 0.5f / C;
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = Math.Clamp(z[i] * k + 0.5f, 0f, 1f);
        }
    }

    public override void Derivative(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> d)
    {
        float k = 0.5f / C;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = z[i] > -C && z[i] < C ? k : 0f;
        }
    }

    public override float PeakDerivative => 0.5f / C;

    public override (float Low, float High) OutputRange => (0f, 1f);

    public override string Describe() => $"hard_sigmoid(c={C})";
}
