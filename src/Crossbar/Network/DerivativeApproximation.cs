using Crossbar.Config;
using Crossbar.Network.Activations;

namespace Crossbar.Network;

/// <summary>
/// What the backward pass multiplies by in place of f′: the exact value, a two-state step (0 / high), or a leaky step
/// (low / high) — 001_3057d476dc3cdf60.txt Figs. 19–20; 002_fcfd05735ec498b2.txt Table 1 (1/(2c) replaced by 1).
/// A neuron is "active" where the exact f′ is at least threshold × its peak, which for piecewise-linear functions is
/// exactly their sloped region.
/// </summary>
public sealed class DerivativeApproximation(DerivativeConfig config)
{
    private readonly DerivativeKind _kind = config.Kind;
    private readonly float _high = (float)config.High;
    private readonly float _low = config.Kind == DerivativeKind.LeakyStep ? (float)config.Low : 0f;
    private readonly float _threshold = (float)config.Threshold;

    public static DerivativeApproximation Exact { get; } = new(new DerivativeConfig());

    public void Compute(Activation f, ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> d)
    {
        f.Derivative(z, a, d);
        if (_kind == DerivativeKind.Exact)
        {
            return;
        }
        float cut = _threshold * f.PeakDerivative;
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = d[i] >= cut ? _high : _low;
        }
    }
}
