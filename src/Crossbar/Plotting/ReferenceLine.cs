namespace Crossbar.Plotting;

/// <summary>
/// A horizontal or vertical line across the axes (e.g. a paper's reported value), labelled on the line itself
/// rather than in the legend. Its value is included when limits are chosen automatically.
/// </summary>
public sealed class ReferenceLine : PlotItem
{
    internal ReferenceLine(bool horizontal, double value, string? label, SeriesStyle style, Color color)
        : base(label)
    {
        Horizontal = horizontal;
        Value = value;
        Style = style;
        Color = color;
    }

    public bool Horizontal { get; }
    public double Value { get; }
    public SeriesStyle Style { get; set; }
    public Color Color { get; set; }

    internal override int Layer => 5;

    internal override bool InLegend => false;

    internal override void AddBounds(DataBounds bounds)
    {
        if (Horizontal)
        {
            bounds.IncludeY(Value);
        }
        else
        {
            bounds.IncludeX(Value);
        }
    }

    internal override void Render(RenderContext ctx)
    {
        var axis = Horizontal ? ctx.Y : ctx.X;
        if (!axis.Contains(Value))
        {
            return;
        }
        double p = axis.Map(Value);
        string attrs = $" class=\"refline\" {StrokeAttrs(Color, Style)}";
        if (Horizontal)
        {
            ctx.Svg.Line($"<line x1=\"{SvgWriter.Num(ctx.Left)}\" y1=\"{SvgWriter.Num(p)}\" x2=\"{SvgWriter.Num(ctx.Right)}\" y2=\"{SvgWriter.Num(p)}\"{attrs}/>");
        }
        else
        {
            ctx.Svg.Line($"<line x1=\"{SvgWriter.Num(p)}\" y1=\"{SvgWriter.Num(ctx.Top)}\" x2=\"{SvgWriter.Num(p)}\" y2=\"{SvgWriter.Num(ctx.Bottom)}\"{attrs}/>");
        }
    }

    internal override IEnumerable<(double X, double Y)> Footprint(RenderContext ctx)
    {
        var axis = Horizontal ? ctx.Y : ctx.X;
        if (!axis.Contains(Value))
        {
            yield break;
        }
        double p = axis.Map(Value);
        double from = Horizontal ? ctx.Left : ctx.Top, to = Horizontal ? ctx.Right : ctx.Bottom;
        for (double s = from; s <= to; s += 4)
        {
            yield return Horizontal ? (s, p) : (p, s);
        }
    }

    /// <summary>Where the label goes: baseline start point, anchor, rotation; null when not drawn.</summary>
    private (double X, double Y, double FontSize)? LabelPosition(RenderContext ctx)
    {
        var axis = Horizontal ? ctx.Y : ctx.X;
        if (string.IsNullOrEmpty(Label) || !axis.Contains(Value))
        {
            return null;
        }
        double p = axis.Map(Value);
        double fs = ctx.FontSize * 0.85;
        // Horizontal: right end, above the line unless that would leave the axes. Vertical: top, left of the line.
        return Horizontal ? (ctx.Right - 5, p - 4 - fs < ctx.Top ? p + fs + 2 : p - 4, fs) : (p - 4, ctx.Top + 5, fs);
    }

    internal override IEnumerable<(double X, double Y)> Obstacles(RenderContext ctx)
    {
        if (LabelPosition(ctx) is not (double x, double y, double fs))
        {
            return [];
        }
        double w = TextMetrics.Width(Label!, fs);
        // A vertical label runs down from the top with its glyphs left of the baseline x: the box, transposed.
        return Horizontal
            ? TextBox(x - w, y, w, fs)
            : TextBox(0, 0, w, fs).Select(q => (X: x + q.Y, Y: y + q.X));
    }

    /// <summary>Drawn after (outside) the clip group so the label is never cut; kept inside the axes by placement.</summary>
    internal void RenderLabel(RenderContext ctx)
    {
        if (LabelPosition(ctx) is not (double x, double y, double fs))
        {
            return;
        }
        var anchor = TextAnchor.End;
        ctx.Svg.Text(x, y, Label!, fs, anchor, Color.ToHex(), rotate: Horizontal ? 0 : -90, cssClass: "reflabel", halo: true);
    }
}
