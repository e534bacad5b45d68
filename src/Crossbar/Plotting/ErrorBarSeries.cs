namespace Crossbar.Plotting;

/// <summary>Vertical error bars from Lower[i] to Upper[i] at X[i] (absolute values, e.g. min/max or y ± σ).</summary>
public sealed class ErrorBarSeries : PlotItem
{
    internal ErrorBarSeries(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<double> lower,
        IReadOnlyList<double> upper, string? label, SeriesStyle style, Color color) : base(label)
    {
        X = Copy(x, nameof(x));
        Y = Copy(y, nameof(y));
        Lower = Copy(lower, nameof(lower));
        Upper = Copy(upper, nameof(upper));
        SameLength(X.Count, Y.Count, nameof(y));
        SameLength(X.Count, Lower.Count, nameof(lower));
        SameLength(X.Count, Upper.Count, nameof(upper));
        Style = style;
        Color = color;
    }

    public IReadOnlyList<double> X { get; }
    public IReadOnlyList<double> Y { get; }
    public IReadOnlyList<double> Lower { get; }
    public IReadOnlyList<double> Upper { get; }
    public SeriesStyle Style { get; set; }
    public Color Color { get; set; }

    /// <summary>Half-width of the caps in px; 0 for no caps.</summary>
    public double CapHalfWidth { get; set; } = 3.5;

    internal override int Layer => 4;

    internal override void AddBounds(DataBounds bounds)
    {
        for (int i = 0; i < X.Count; i++)
        {
            bounds.Include(X[i], Y[i]);
            bounds.Include(X[i], Lower[i]);
            bounds.Include(X[i], Upper[i]);
        }
    }

    internal override void Render(RenderContext ctx)
    {
        var d = new System.Text.StringBuilder();
        for (int i = 0; i < X.Count; i++)
        {
            if (!ctx.X.IsValid(X[i]) || !ctx.Y.IsValid(Y[i]))
            {
                continue;
            }
            double px = ctx.X.Map(X[i]);
            // An end the axis cannot show (NaN, ≤ 0 on log) collapses to the centre: a one-sided bar.
            double lo = ctx.Y.Map(ctx.Y.IsValid(Lower[i]) ? Lower[i] : Y[i]);
            double hi = ctx.Y.Map(ctx.Y.IsValid(Upper[i]) ? Upper[i] : Y[i]);
            string x = SvgWriter.Num(px);
            d.Append('M').Append(x).Append(',').Append(SvgWriter.Num(lo)).Append('V').Append(SvgWriter.Num(hi));
            if (CapHalfWidth > 0)
            {
                foreach (double cy in new[] { lo, hi })
                {
                    d.Append('M').Append(SvgWriter.Num(px - CapHalfWidth)).Append(',').Append(SvgWriter.Num(cy))
                        .Append('H').Append(SvgWriter.Num(px + CapHalfWidth));
                }
            }
        }
        if (d.Length > 0)
        {
            var style = Style with { LineWidth = Math.Min(Style.LineWidth, 1.3), Dash = DashStyle.Solid };
            ctx.Svg.Line($"<path class=\"errorbars\" d=\"{d}\" fill=\"none\" {StrokeAttrs(Color, style)}/>");
        }
        if (Style.Marker != MarkerShape.None)
        {
            foreach (var (x, y) in ctx.Runs(X, Y).SelectMany(r => r))
            {
                MarkerPainter.Draw(ctx.Svg, Style.Marker, x, y, Style.MarkerSize, Color, Style.Opacity);
            }
        }
    }

    internal override void RenderLegendKey(SvgWriter w, double x, double y, double width)
    {
        double cx = x + (width / 2);
        string stroke = $"stroke=\"{Color.ToHex()}\" stroke-width=\"1.3\"";
        w.Line($"<path d=\"M{SvgWriter.Num(cx)},{SvgWriter.Num(y - 6)}V{SvgWriter.Num(y + 6)}" +
            $"M{SvgWriter.Num(cx - 3.5)},{SvgWriter.Num(y - 6)}H{SvgWriter.Num(cx + 3.5)}" +
            $"M{SvgWriter.Num(cx - 3.5)},{SvgWriter.Num(y + 6)}H{SvgWriter.Num(cx + 3.5)}\" fill=\"none\" {stroke}/>");
        if (Style.Marker != MarkerShape.None)
        {
            MarkerPainter.Draw(w, Style.Marker, cx, y, Math.Min(Style.MarkerSize, 8), Color, Style.Opacity);
        }
    }

    internal override IEnumerable<(double X, double Y)> Footprint(RenderContext ctx)
    {
        for (int i = 0; i < X.Count; i++)
        {
            if (!ctx.X.IsValid(X[i]) || !ctx.Y.IsValid(Y[i]))
            {
                continue;
            }
            double px = ctx.X.Map(X[i]);
            yield return (px, ctx.Y.Map(Y[i]));
            if (ctx.Y.IsValid(Lower[i]))
            {
                yield return (px, ctx.Y.Map(Lower[i]));
            }
            if (ctx.Y.IsValid(Upper[i]))
            {
                yield return (px, ctx.Y.Map(Upper[i]));
            }
        }
    }
}
