namespace Crossbar.Plotting;

/// <summary>Maps data values of one axis to pixels (linear in value or in log10 value).</summary>
internal sealed class AxisMap
{
    private readonly double _t0, _t1;

    public AxisMap(AxisScale scale, double min, double max, double pixelAtMin, double pixelAtMax)
    {
        Scale = scale;
        Min = min;
        Max = max;
        PixelAtMin = pixelAtMin;
        PixelAtMax = pixelAtMax;
        _t0 = Transform(min);
        _t1 = Transform(max);
    }

    public AxisScale Scale { get; }
    public double Min { get; }
    public double Max { get; }
    public double PixelAtMin { get; }
    public double PixelAtMax { get; }

    public bool IsValid(double v) => DataBounds.Valid(v, Scale);

    public double Transform(double v) => Scale == AxisScale.Log ? Math.Log10(v) : v;

    public double Map(double v) => PixelAtMin + ((Transform(v) - _t0) / (_t1 - _t0) * (PixelAtMax - PixelAtMin));

    /// <summary>Pixel of a fraction of the axis (0 = min end, 1 = max end).</summary>
    public double Fraction(double f) => PixelAtMin + (f * (PixelAtMax - PixelAtMin));

    public bool Contains(double v) => IsValid(v) && v >= Math.Min(Min, Max) && v <= Math.Max(Min, Max);
}
