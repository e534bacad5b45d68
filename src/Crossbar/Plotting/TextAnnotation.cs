namespace Crossbar.Plotting;

/// <summary>Free text placed in data or axes-fraction coordinates; does not affect axis limits.</summary>
public sealed class TextAnnotation : PlotItem
{
    internal TextAnnotation(double x, double y, string text, TextAnchor anchor, CoordinateSpace space)
        : base(null)
    {
        ArgumentNullException.ThrowIfNull(text);
        X = x;
        Y = y;
        Text = text;
        Anchor = anchor;
        Space = space;
    }

    public double X { get; }
    public double Y { get; }
    public string Text { get; set; }
    public TextAnchor Anchor { get; set; }
    public CoordinateSpace Space { get; }

    /// <summary>Font size in px; null for the plot's tick-label size.</summary>
    public double? FontSize { get; set; }

    public Color Color { get; set; } = Color.FromHex("#222222");

    internal override int Layer => 6;

    internal override bool InLegend => false;

    internal override bool Clipped => false;

    internal override void AddBounds(DataBounds bounds)
    {
    }

    internal override IEnumerable<(double X, double Y)> Obstacles(RenderContext ctx)
    {
        if (Position(ctx) is not (double px, double py))
        {
            return [];
        }
        double fs = FontSize ?? ctx.FontSize * 0.9;
        double w = TextMetrics.Width(Text, fs);
        double x0 = Anchor switch { TextAnchor.Middle => px - (w / 2), TextAnchor.End => px - w, _ => px };
        return TextBox(x0, py + (fs * 0.35), w, fs);
    }

    private (double X, double Y)? Position(RenderContext ctx)
    {
        if (Space == CoordinateSpace.Axes)
        {
            return (ctx.X.Fraction(X), ctx.Y.Fraction(Y));
        }
        return ctx.X.IsValid(X) && ctx.Y.IsValid(Y) ? (ctx.X.Map(X), ctx.Y.Map(Y)) : null;
    }

    internal override void Render(RenderContext ctx)
    {
        if (Position(ctx) is not (double px, double py))
        {
            return;
        }
        double fs = FontSize ?? ctx.FontSize * 0.9;
        // Positions name the text's vertical centre, which is what one means when pointing at data.
        ctx.Svg.Text(px, py + (fs * 0.35), Text, fs, Anchor, Color.ToHex(), cssClass: "annotation", halo: true);
    }
}
