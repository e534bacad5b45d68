namespace Crossbar.Plotting;

/// <summary>Draws point markers; shapes are sized so they look about equally heavy at the same size.</summary>
internal static class MarkerPainter
{
    public static void Draw(SvgWriter w, MarkerShape shape, double x, double y, double size, Color color,
        double opacity)
    {
        string fill = color.ToHex();
        string op = opacity < 1 ? $" fill-opacity=\"{SvgWriter.Num(opacity)}\"" : "";
        double r = size / 2;
        string N(double v) => SvgWriter.Num(v);
        switch (shape)
        {
            case MarkerShape.Circle:
                w.Line($"<circle cx=\"{N(x)}\" cy=\"{N(y)}\" r=\"{N(r)}\" fill=\"{fill}\"{op}/>");
                break;
            case MarkerShape.Square:
                double s = r * 0.9;
                w.Line($"<rect x=\"{N(x - s)}\" y=\"{N(y - s)}\" width=\"{N(2 * s)}\" height=\"{N(2 * s)}\" fill=\"{fill}\"{op}/>");
                break;
            case MarkerShape.Diamond:
                double d = r * 1.2;
                w.Line($"<path d=\"M{N(x)},{N(y - d)}L{N(x + d)},{N(y)}L{N(x)},{N(y + d)}L{N(x - d)},{N(y)}Z\" fill=\"{fill}\"{op}/>");
                break;
            case MarkerShape.Triangle:
                double t = r * 1.2;
                w.Line($"<path d=\"M{N(x)},{N(y - t)}L{N(x + (t * 0.866))},{N(y + (t * 0.5))}L{N(x - (t * 0.866))},{N(y + (t * 0.5))}Z\" fill=\"{fill}\"{op}/>");
                break;
            case MarkerShape.Cross:
                double c = r * 0.85;
                w.Line($"<path d=\"M{N(x - c)},{N(y - c)}L{N(x + c)},{N(y + c)}M{N(x - c)},{N(y + c)}L{N(x + c)},{N(y - c)}\" stroke=\"{fill}\" stroke-width=\"1.5\" fill=\"none\"{op.Replace("fill-", "stroke-", StringComparison.Ordinal)}/>");
                break;
            case MarkerShape.Plus:
                w.Line($"<path d=\"M{N(x - r)},{N(y)}L{N(x + r)},{N(y)}M{N(x)},{N(y - r)}L{N(x)},{N(y + r)}\" stroke=\"{fill}\" stroke-width=\"1.5\" fill=\"none\"{op.Replace("fill-", "stroke-", StringComparison.Ordinal)}/>");
                break;
            default:
                break;
        }
    }
}
