using System.Runtime.CompilerServices;

namespace Crossbar.Tiles;

/// <summary>Uniform quantiser with saturation: <c>levels</c> evenly spaced values over [min, max] (levels = 0: clip only).</summary>
public readonly struct Quantizer
{
    private readonly float _min;
    private readonly float _max;
    private readonly float _step;
    private readonly float _invStep;

    public Quantizer(double min, double max, int levels)
    {
        _min = (float)min;
        _max = (float)max;
        Levels = levels;
        _step = levels > 1 ? (float)((max - min) / (levels - 1)) : 0f;
        _invStep = levels > 1 ? 1f / _step : 0f;
        Enabled = levels > 1 || max > min;
    }

    public int Levels { get; }

    public bool Enabled { get; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Apply(float v)
    {
        v = Math.Clamp(v, _min, _max);
        return Levels > 1 ? _min + MathF.Round((v - _min) * _invStep) * _step : v;
    }

    public void Apply(ReadOnlySpan<float> src, Span<float> dest)
    {
        for (int i = 0; i < src.Length; i++)
        {
            dest[i] = Apply(src[i]);
        }
    }
}
