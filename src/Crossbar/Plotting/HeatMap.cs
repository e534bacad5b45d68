namespace Crossbar.Plotting;

/// <summary>
/// A 2-D grid of values drawn as coloured cells over the data rectangle [XMin, XMax] × [YMin, YMax], with a
/// colour bar. <c>Values[i, j]</c> is row i (along y, from YMin upwards unless <see cref="RowZeroAtTop"/>)
/// and column j (along x). Non-finite cells (and non-positive ones on a log colour scale) stay empty.
/// </summary>
public sealed class HeatMap : PlotItem
{
    public HeatMap(double[,] values, double xMin, double xMax, double yMin, double yMax) : base(null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!(xMax > xMin) || !(yMax > yMin) || !double.IsFinite(xMax - xMin) || !double.IsFinite(yMax - yMin))
        {
            throw new ArgumentException("A heat map needs finite extents with xMin < xMax and yMin < yMax.");
        }
        Values = (double[,])values.Clone();
        XMin = xMin;
        XMax = xMax;
        YMin = yMin;
        YMax = yMax;
    }

    public double[,] Values { get; }
    public double XMin { get; }
    public double XMax { get; }
    public double YMin { get; }
    public double YMax { get; }
    public int Rows => Values.GetLength(0);
    public int Columns => Values.GetLength(1);

    /// <summary>Colour-bar label (^{…}/_{…} markup allowed).</summary>
    public string? ColorLabel { get; set; }

    public Colormap Colormap { get; set; } = Colormap.Viridis;
    public AxisScale ColorScale { get; set; } = AxisScale.Linear;

    /// <summary>Colour limits; null for the finite data range. Values beyond them get the end colours.</summary>
    public double? ColorMin { get; set; }

    public double? ColorMax { get; set; }

    /// <summary>True for image-style maps whose first row is the top one (e.g. per-pixel maps of an input image).</summary>
    public bool RowZeroAtTop { get; set; }

    internal override int Layer => 0;

    internal override bool InLegend => false;

    internal override void AddBounds(DataBounds bounds)
    {
        bounds.IncludeX(XMin);
        bounds.IncludeX(XMax);
        bounds.IncludeY(YMin);
        bounds.IncludeY(YMax);
        bounds.StickyX.Add(XMin);
        bounds.StickyX.Add(XMax);
        bounds.StickyY.Add(YMin);
        bounds.StickyY.Add(YMax);
    }

    /// <summary>The colour limits actually used: explicit ones, else the range of the drawable values.</summary>
    internal (double Lo, double Hi) ColorRange()
    {
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (double v in Values)
        {
            if (DataBounds.Valid(v, ColorScale))
            {
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
        }
        if (lo > hi)
        {
            (lo, hi) = ColorScale == AxisScale.Log ? (1, 10) : (0, 1);
        }
        lo = ColorMin ?? lo;
        hi = ColorMax ?? hi;
        if (ColorScale == AxisScale.Log && !(lo > 0 && hi > 0))
        {
            throw new InvalidOperationException("A log colour scale needs positive ColorMin and ColorMax.");
        }
        if (hi <= lo)
        {
            // A constant map: widen so it still gets a readable colour bar.
            (lo, hi) = ColorScale == AxisScale.Log ? (lo / 2, lo * 2) : lo == 0 ? (-1, 1) : (lo - (Math.Abs(lo) * 0.1), lo + (Math.Abs(lo) * 0.1));
        }
        return (lo, hi);
    }

    /// <summary>Position of v in the colour range, 0–1 (NaN for values the colour scale cannot show).</summary>
    internal double Normalize(double v, double lo, double hi)
    {
        if (!DataBounds.Valid(v, ColorScale))
        {
            return double.NaN;
        }
        double t = ColorScale == AxisScale.Log
            ? (Math.Log10(v) - Math.Log10(lo)) / (Math.Log10(hi) - Math.Log10(lo))
            : (v - lo) / (hi - lo);
        return Math.Clamp(t, 0, 1);
    }

    internal override void Render(RenderContext ctx)
    {
        var (lo, hi) = ColorRange();
        int rows = Rows, cols = Columns;
        double dx = (XMax - XMin) / cols, dy = (YMax - YMin) / rows;
        var xEdges = new double[cols + 1];
        for (int j = 0; j <= cols; j++)
        {
            double x = j == cols ? XMax : XMin + (j * dx);
            xEdges[j] = ctx.X.IsValid(x) ? ctx.X.Map(x) : double.NaN;
        }
        // crispEdges: anti-aliased neighbouring rects would show hairline seams between cells.
        ctx.Svg.Line("<g class=\"heatmap\" shape-rendering=\"crispEdges\">");
        for (int i = 0; i < rows; i++)
        {
            int k = RowZeroAtTop ? rows - 1 - i : i;
            double yLo = k == 0 ? YMin : YMin + (k * dy), yHi = k + 1 == rows ? YMax : YMin + ((k + 1) * dy);
            if (!ctx.Y.IsValid(yLo) || !ctx.Y.IsValid(yHi))
            {
                continue;
            }
            double py0 = ctx.Y.Map(yLo), py1 = ctx.Y.Map(yHi);
            double top = Math.Min(py0, py1), h = Math.Abs(py1 - py0);
            // Merge horizontal runs of equal colour: CDF maps have large flat regions.
            int j = 0;
            while (j < cols)
            {
                double t = Normalize(Values[i, j], lo, hi);
                if (double.IsNaN(t) || double.IsNaN(xEdges[j]))
                {
                    j++;
                    continue;
                }
                string fill = Colormap.Map(t).ToHex();
                int end = j + 1;
                while (end < cols && !double.IsNaN(xEdges[end + 1]))
                {
                    double t2 = Normalize(Values[i, end], lo, hi);
                    if (double.IsNaN(t2) || Colormap.Map(t2).ToHex() != fill)
                    {
                        break;
                    }
                    end++;
                }
                double x0 = xEdges[j], x1 = xEdges[end];
                ctx.Svg.Rect(Math.Min(x0, x1), top, Math.Abs(x1 - x0), h, $"fill=\"{fill}\"");
                j = end;
            }
        }
        ctx.Svg.Line("</g>");
    }
}
