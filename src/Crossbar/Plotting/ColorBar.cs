namespace Crossbar.Plotting;

/// <summary>The vertical colour scale drawn to the right of a heat map's axes.</summary>
internal static class ColorBar
{
    public const double Gap = 14, BarWidth = 14, TickLength = 3;

    public static List<Tick> Ticks(HeatMap map, double barHeight)
    {
        var (lo, hi) = map.ColorRange();
        int target = Math.Max(2, (int)(barHeight / 45));
        var ticks = map.ColorScale == AxisScale.Log ? TickGenerator.Log(lo, hi, target) : TickGenerator.Linear(lo, hi, target);
        return [.. ticks.Where(t => t.Value >= lo - (Math.Abs(hi - lo) * 1e-9) && t.Value <= hi + (Math.Abs(hi - lo) * 1e-9))];
    }

    /// <summary>Horizontal space the colour bar takes, from the axes' right edge.</summary>
    public static double Width(HeatMap map, double barHeight, double fontSize)
    {
        double labels = Ticks(map, barHeight).Where(t => t.IsMajor).Select(t => TextMetrics.Width(t.Label, fontSize))
            .DefaultIfEmpty(0).Max();
        return Gap + BarWidth + TickLength + 4 + labels + (string.IsNullOrEmpty(map.ColorLabel) ? 0 : 8 + (fontSize * 1.2));
    }

    public static void Render(SvgWriter w, HeatMap map, double left, double top, double bottom, string id,
        double tickFontSize, double labelFontSize)
    {
        var (lo, hi) = map.ColorRange();
        double x = left + Gap;
        string gid = id + "-cbar";
        w.Line($"<defs><linearGradient id=\"{gid}\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">");
        const int stops = 24;
        for (int i = 0; i <= stops; i++)
        {
            double t = i / (double)stops;
            w.Line($"<stop offset=\"{SvgWriter.Num(t)}\" stop-color=\"{map.Colormap.Map(t).ToHex()}\"/>");
        }
        w.Line("</linearGradient></defs>");
        w.Line("<g class=\"colorbar\">");
        w.Rect(x, top, BarWidth, bottom - top, $"fill=\"url(#{gid})\" stroke=\"#222222\" stroke-width=\"0.8\"");
        double maxLabel = 0;
        foreach (var tick in Ticks(map, bottom - top))
        {
            double t = map.Normalize(tick.Value, lo, hi);
            if (double.IsNaN(t))
            {
                continue;
            }
            double y = bottom - (t * (bottom - top));
            double len = tick.IsMajor ? TickLength : TickLength * 0.6;
            w.LineSegment(x + BarWidth, y, x + BarWidth + len, y, "#222222", 0.8);
            if (tick.IsMajor && tick.Label.Length > 0)
            {
                w.Text(x + BarWidth + TickLength + 3, y + (tickFontSize * 0.35), tick.Label, tickFontSize);
                maxLabel = Math.Max(maxLabel, TextMetrics.Width(tick.Label, tickFontSize));
            }
        }
        if (!string.IsNullOrEmpty(map.ColorLabel))
        {
            double lx = x + BarWidth + TickLength + 4 + maxLabel + 8 + (labelFontSize * 0.85);
            w.Text(lx, (top + bottom) / 2, map.ColorLabel, labelFontSize, TextAnchor.Middle, rotate: -90);
        }
        w.Line("</g>");
    }
}
