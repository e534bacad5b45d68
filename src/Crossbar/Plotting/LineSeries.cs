namespace Crossbar.Plotting;

/// <summary>A polyline through (x, y) points, optionally with markers; a scatter series is one without the line.</summary>
public sealed class LineSeries : PlotItem
{
    internal LineSeries(IReadOnlyList<double> x, IReadOnlyList<double> y, string? label, SeriesStyle style,
        Color color, bool drawLine) : base(label)
    {
        X = Copy(x, nameof(x));
        Y = Copy(y, nameof(y));
        SameLength(X.Count, Y.Count, nameof(y));
        Style = style;
        Color = color;
        DrawLine = drawLine;
    }

    public IReadOnlyList<double> X { get; }
    public IReadOnlyList<double> Y { get; }
    public SeriesStyle Style { get; set; }
    public Color Color { get; set; }

    /// <summary>False for scatter series (markers only).</summary>
    public bool DrawLine { get; }

    internal override int Layer => 3;

    internal override void AddBounds(DataBounds bounds)
    {
        for (int i = 0; i < X.Count; i++)
        {
            bounds.Include(X[i], Y[i]);
        }
    }

    internal override void Render(RenderContext ctx)
    {
        var runs = ctx.Runs(X, Y);
        if (DrawLine)
        {
            foreach (var run in runs.Where(r => r.Count >= 2))
            {
                ctx.Svg.Line($"<polyline class=\"line\" points=\"{RenderContext.Points(run)}\" fill=\"none\" " +
                    $"{StrokeAttrs(Color, Style)} stroke-linejoin=\"round\" stroke-linecap=\"round\"/>");
            }
        }
        var marker = Marker;
        if (marker != MarkerShape.None)
        {
            foreach (var (x, y) in runs.SelectMany(r => r))
            {
                MarkerPainter.Draw(ctx.Svg, marker, x, y, Style.MarkerSize, Color, Style.Opacity);
            }
        }
    }

    /// <summary>Scatter series without an explicit marker still need one.</summary>
    private MarkerShape Marker => !DrawLine && Style.Marker == MarkerShape.None ? MarkerShape.Circle : Style.Marker;

    internal override void RenderLegendKey(SvgWriter w, double x, double y, double width)
    {
        if (DrawLine)
        {
            w.Line($"<line x1=\"{SvgWriter.Num(x)}\" y1=\"{SvgWriter.Num(y)}\" x2=\"{SvgWriter.Num(x + width)}\" " +
                $"y2=\"{SvgWriter.Num(y)}\" {StrokeAttrs(Color, Style)}/>");
        }
        if (Marker != MarkerShape.None)
        {
            MarkerPainter.Draw(w, Marker, x + (width / 2), y, Math.Min(Style.MarkerSize, 8), Color, Style.Opacity);
        }
    }

    internal override IEnumerable<(double X, double Y)> Footprint(RenderContext ctx) =>
        DrawLine ? Sample(ctx.Runs(X, Y)) : ctx.Runs(X, Y).SelectMany(r => r);
}
