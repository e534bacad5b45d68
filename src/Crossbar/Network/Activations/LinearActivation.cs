namespace Crossbar.Network.Activations;

/// <summary>f(z) = z.</summary>
public sealed class LinearActivation : Activation
{
    public override void Apply(ReadOnlySpan<float> z, Span<float> a) => z.CopyTo(a);

    public override void Derivative(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> d) => d.Fill(1f);

    public override float PeakDerivative => 1f;

    /// <summary>Unbounded; quantization saturates at ±1.</summary>
    public override (float Low, float High) OutputRange => (-1f, 1f);

    public override string Describe() => "linear";
}
