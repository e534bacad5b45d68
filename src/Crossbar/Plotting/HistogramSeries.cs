namespace Crossbar.Plotting;

/// <summary>
/// A histogram drawn as a filled step outline, so several can overlay legibly. Heights are counts, or a
/// density (integrates to 1 over the bins) when <see cref="Density"/> is set. Values outside the edges and
/// non-finite values are not counted; the last bin includes its right edge.
/// </summary>
public sealed class HistogramSeries : PlotItem
{
    internal HistogramSeries(IReadOnlyList<double> values, double[] edges, bool density, string? label,
        SeriesStyle style, Color color) : base(label)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (edges.Length < 2)
        {
            throw new ArgumentException("A histogram needs at least two bin edges.", nameof(edges));
        }
        for (int i = 1; i < edges.Length; i++)
        {
            if (!(edges[i] > edges[i - 1]))
            {
                throw new ArgumentException("Bin edges must be finite and strictly increasing.", nameof(edges));
            }
        }
        Edges = edges;
        Density = density;
        Style = style;
        Color = color;
        var counts = new double[edges.Length - 1];
        int total = 0;
        foreach (double v in values)
        {
            if (!double.IsFinite(v) || v < edges[0] || v > edges[^1])
            {
                continue;
            }
            int bin = Array.BinarySearch(edges, v);
            bin = bin >= 0 ? Math.Min(bin, counts.Length - 1) : ~bin - 1;
            counts[bin]++;
            total++;
        }
        if (density && total > 0)
        {
            for (int i = 0; i < counts.Length; i++)
            {
                counts[i] /= total * (edges[i + 1] - edges[i]);
            }
        }
        Heights = counts;
    }

    public IReadOnlyList<double> Edges { get; }
    public IReadOnlyList<double> Heights { get; }
    public bool Density { get; }
    public SeriesStyle Style { get; set; }
    public Color Color { get; set; }

    internal override int Layer => 2;

    internal override void AddBounds(DataBounds bounds)
    {
        foreach (double e in Edges)
        {
            bounds.IncludeX(e);
        }
        foreach (double h in Heights)
        {
            bounds.IncludeY(h);
        }
        if (bounds.YScale == AxisScale.Linear)
        {
            bounds.IncludeY(0);
            bounds.StickyY.Add(0);
        }
        bounds.StickyX.Add(Edges[0]);
        bounds.StickyX.Add(Edges[^1]);
    }

    internal override void Render(RenderContext ctx)
    {
        // Baseline: zero on linear axes; the bottom of the axes on log axes, where empty bins leave gaps.
        double baseline = ctx.Y.Scale == AxisScale.Linear ? ctx.Y.Map(0) : ctx.Bottom;
        var d = new System.Text.StringBuilder();
        bool open = false;
        double lastX = 0;
        for (int i = 0; i < Heights.Count; i++)
        {
            bool ok = ctx.X.IsValid(Edges[i]) && ctx.X.IsValid(Edges[i + 1]) && ctx.Y.IsValid(Heights[i]);
            if (!ok)
            {
                if (open)
                {
                    d.Append('V').Append(SvgWriter.Num(baseline));
                    open = false;
                }
                continue;
            }
            double x0 = ctx.X.Map(Edges[i]), x1 = ctx.X.Map(Edges[i + 1]), y = ctx.Y.Map(Heights[i]);
            if (!open || Math.Abs(x0 - lastX) > 1e-9)
            {
                if (open)
                {
                    d.Append('V').Append(SvgWriter.Num(baseline));
                }
                d.Append('M').Append(SvgWriter.Num(x0)).Append(',').Append(SvgWriter.Num(baseline));
                open = true;
            }
            d.Append('V').Append(SvgWriter.Num(y)).Append('H').Append(SvgWriter.Num(x1));
            lastX = x1;
        }
        if (open)
        {
            d.Append('V').Append(SvgWriter.Num(baseline));
        }
        if (d.Length == 0)
        {
            return;
        }
        // One open path: the fill closes it along the baseline, the stroke leaves the baseline undrawn.
        var stroke = Style with { Dash = DashStyle.Solid, LineWidth = Math.Min(Style.LineWidth, 1.4) };
        ctx.Svg.Line($"<path class=\"histogram\" d=\"{d}\" fill=\"{Color.ToHex()}\" " +
            $"fill-opacity=\"{SvgWriter.Num(Style.FillOpacity + 0.15)}\" {StrokeAttrs(Color, stroke)} stroke-linejoin=\"miter\"/>");
    }

    internal override void RenderLegendKey(SvgWriter w, double x, double y, double width) =>
        w.Rect(x + 4, y - 5, width - 8, 10, $"fill=\"{Color.ToHex()}\" fill-opacity=\"{SvgWriter.Num(Style.FillOpacity + 0.15)}\" " +
            $"stroke=\"{Color.ToHex()}\" stroke-width=\"1.2\"");

    internal override IEnumerable<(double X, double Y)> Footprint(RenderContext ctx)
    {
        double baseline = ctx.Y.Scale == AxisScale.Linear ? ctx.Y.Map(0) : ctx.Bottom;
        for (int i = 0; i < Heights.Count; i++)
        {
            if (!ctx.X.IsValid(Edges[i]) || !ctx.X.IsValid(Edges[i + 1]) || !ctx.Y.IsValid(Heights[i]))
            {
                continue;
            }
            double x0 = ctx.X.Map(Edges[i]), x1 = ctx.X.Map(Edges[i + 1]), top = ctx.Y.Map(Heights[i]);
            for (double x = x0; x <= x1; x += 5)
            {
                for (double y = top; y <= baseline; y += 5)
                {
                    yield return (x, y);
                }
            }
        }
    }
}
