namespace Crossbar.Plotting;

/// <summary>A shaded area between a lower and an upper curve (e.g. median ± 1σ over seeds).</summary>
public sealed class BandSeries : PlotItem
{
    internal BandSeries(IReadOnlyList<double> x, IReadOnlyList<double> lower, IReadOnlyList<double> upper,
        string? label, SeriesStyle style, Color color) : base(label)
    {
        X = Copy(x, nameof(x));
        Lower = Copy(lower, nameof(lower));
        Upper = Copy(upper, nameof(upper));
        SameLength(X.Count, Lower.Count, nameof(lower));
        SameLength(X.Count, Upper.Count, nameof(upper));
        Style = style;
        Color = color;
    }

    public IReadOnlyList<double> X { get; }
    public IReadOnlyList<double> Lower { get; }
    public IReadOnlyList<double> Upper { get; }
    public SeriesStyle Style { get; set; }
    public Color Color { get; set; }

    internal override int Layer => 1;

    internal override void AddBounds(DataBounds bounds)
    {
        for (int i = 0; i < X.Count; i++)
        {
            bounds.Include(X[i], Lower[i]);
            bounds.Include(X[i], Upper[i]);
        }
    }

    /// <summary>Index ranges where x, lower and upper are all drawable; anything else splits the band.</summary>
    private List<(int Start, int End)> Segments(RenderContext ctx)
    {
        var segs = new List<(int, int)>();
        int start = -1;
        for (int i = 0; i <= X.Count; i++)
        {
            bool ok = i < X.Count && ctx.X.IsValid(X[i]) && ctx.Y.IsValid(Lower[i]) && ctx.Y.IsValid(Upper[i]);
            if (ok && start < 0)
            {
                start = i;
            }
            else if (!ok && start >= 0)
            {
                segs.Add((start, i - 1));
                start = -1;
            }
        }
        return segs;
    }

    internal override void Render(RenderContext ctx)
    {
        foreach (var (s, e) in Segments(ctx).Where(g => g.End > g.Start))
        {
            var pts = new List<string>();
            for (int i = s; i <= e; i++)
            {
                pts.Add(SvgWriter.Num(ctx.X.Map(X[i])) + "," + SvgWriter.Num(ctx.Y.Map(Upper[i])));
            }
            for (int i = e; i >= s; i--)
            {
                pts.Add(SvgWriter.Num(ctx.X.Map(X[i])) + "," + SvgWriter.Num(ctx.Y.Map(Lower[i])));
            }
            ctx.Svg.Line($"<path class=\"band\" d=\"M{string.Join('L', pts)}Z\" fill=\"{Color.ToHex()}\" " +
                $"fill-opacity=\"{SvgWriter.Num(Style.FillOpacity)}\" stroke=\"none\"/>");
        }
    }

    internal override void RenderLegendKey(SvgWriter w, double x, double y, double width) =>
        w.Rect(x, y - 5, width, 10, $"fill=\"{Color.ToHex()}\" fill-opacity=\"{SvgWriter.Num(Math.Max(Style.FillOpacity, 0.3))}\"");

    internal override IEnumerable<(double X, double Y)> Footprint(RenderContext ctx)
    {
        foreach (var (s, e) in Segments(ctx))
        {
            for (int i = s; i <= e; i++)
            {
                double px = ctx.X.Map(X[i]), a = ctx.Y.Map(Lower[i]), b = ctx.Y.Map(Upper[i]);
                int n = (int)Math.Min(100, Math.Ceiling(Math.Abs(b - a) / 6));
                for (int k = 0; k <= n; k++)
                {
                    yield return (px, a + ((b - a) * k / Math.Max(n, 1)));
                }
            }
        }
    }
}
