namespace Crossbar.Plotting;

/// <summary>Measures and draws a legend box: a key (line, marker, swatch) and the label per entry.</summary>
internal static class Legend
{
    public const double Padding = 6, KeyWidth = 24, KeyGap = 6;

    public static double RowHeight(double fontSize) => fontSize * 1.45;

    public static (double Width, double Height) Measure(IReadOnlyList<PlotItem> entries, double fontSize)
    {
        if (entries.Count == 0)
        {
            return (0, 0);
        }
        double text = entries.Max(e => TextMetrics.Width(e.Label!, fontSize));
        return ((2 * Padding) + KeyWidth + KeyGap + text, (2 * Padding) + (entries.Count * RowHeight(fontSize)) - (fontSize * 0.2));
    }

    public static void Render(SvgWriter w, IReadOnlyList<PlotItem> entries, double x, double y, double fontSize)
    {
        var (width, height) = Measure(entries, fontSize);
        w.Line("<g class=\"legend\">");
        w.Rect(x, y, width, height, "rx=\"2\" fill=\"#ffffff\" fill-opacity=\"0.9\" stroke=\"#cccccc\" stroke-width=\"0.8\"");
        double row = RowHeight(fontSize);
        for (int i = 0; i < entries.Count; i++)
        {
            double cy = y + Padding + (row * i) + (row / 2) - (fontSize * 0.1);
            entries[i].RenderLegendKey(w, x + Padding, cy, KeyWidth);
            w.Text(x + Padding + KeyWidth + KeyGap, cy + (fontSize * 0.35), entries[i].Label!, fontSize);
        }
        w.Line("</g>");
    }
}
