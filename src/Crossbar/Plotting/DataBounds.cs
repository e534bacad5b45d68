namespace Crossbar.Plotting;

/// <summary>
/// Accumulates the data extent of a plot's items, counting only values the axis scales can show. Sticky edges
/// (a histogram's zero baseline, a heat map's extent) are limits auto-padding must not step past.
/// </summary>
internal sealed class DataBounds(AxisScale xScale, AxisScale yScale)
{
    public AxisScale XScale { get; } = xScale;
    public AxisScale YScale { get; } = yScale;
    public double XMin { get; private set; } = double.PositiveInfinity;
    public double XMax { get; private set; } = double.NegativeInfinity;
    public double YMin { get; private set; } = double.PositiveInfinity;
    public double YMax { get; private set; } = double.NegativeInfinity;
    public List<double> StickyX { get; } = [];
    public List<double> StickyY { get; } = [];

    public bool HasX => XMin <= XMax;
    public bool HasY => YMin <= YMax;

    public static bool Valid(double v, AxisScale scale) => double.IsFinite(v) && (scale == AxisScale.Linear || v > 0);

    public void Include(double x, double y)
    {
        if (Valid(x, XScale) && Valid(y, YScale))
        {
            IncludeX(x);
            IncludeY(y);
        }
    }

    public void IncludeX(double x)
    {
        if (Valid(x, XScale))
        {
            XMin = Math.Min(XMin, x);
            XMax = Math.Max(XMax, x);
        }
    }

    public void IncludeY(double y)
    {
        if (Valid(y, YScale))
        {
            YMin = Math.Min(YMin, y);
            YMax = Math.Max(YMax, y);
        }
    }
}
