namespace Crossbar.Network;

/// <summary>
/// Rounds values to N evenly spaced states over [low, high], saturating outside — the limited number of distinct
/// neuron activation and error states of 001_3057d476dc3cdf60.txt Fig. 21.
/// </summary>
public sealed class StateQuantizer
{
    private readonly float _low, _high, _step, _inv;

    public StateQuantizer(int states, float low, float high)
    {
        if (states < 2 || !(high > low))
        {
            throw new ArgumentException($"need ≥ 2 states over a non-empty range, got {states} over [{low}, {high}]");
        }
        States = states;
        _low = low;
        _high = high;
        _step = (high - low) / (states - 1);
        _inv = 1f / _step;
    }

    public int States { get; }

    public void Apply(Span<float> v)
    {
        for (int i = 0; i < v.Length; i++)
        {
            float c = Math.Clamp(v[i], _low, _high);
            v[i] = _low + MathF.Round((c - _low) * _inv) * _step;
        }
    }

    /// <summary>
    /// Rounds values to <paramref name="states"/> evenly spaced states over [−m, m], m = max |v| of this vector: a
    /// converter that ranges itself to the signal it digitises, so small back-propagated errors keep their resolution.
    /// </summary>
    public static void ApplyAutoRanged(Span<float> v, int states)
    {
        float m = 0f;
        foreach (float x in v)
        {
            m = MathF.Max(m, MathF.Abs(x));
        }
        if (m == 0f || !float.IsFinite(m))
        {
            return;
        }
        float step = 2f * m / (states - 1);
        float inv = 1f / step;
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = -m + MathF.Round((v[i] + m) * inv) * step;
        }
    }
}
