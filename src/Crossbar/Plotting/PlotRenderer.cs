using System.Globalization;

namespace Crossbar.Plotting;

/// <summary>
/// Lays out and draws one <see cref="Plot"/> into a rectangle of an SVG: margins sized from the estimated
/// widths of tick labels, axis labels, colour bar and legend; tick density reduced until labels do not collide.
/// </summary>
internal static class PlotRenderer
{
    private const double Pad = 8, TickLength = 4, MinorTickLength = 2.5;
    private const string Ink = "#222222";

    private sealed record Layout(AxisMap X, AxisMap Y, List<Tick> XTicks, List<Tick> YTicks, bool LegendOutside);

    public static void Render(SvgWriter w, Plot p, double ox, double oy, double width, double height, string id,
        string? panelLetter)
    {
        double fs = p.FontSize, tickFs = fs * 0.9, titleFs = fs * 1.15, legendFs = fs * 0.88;
        var bounds = new DataBounds(p.XAxis, p.YAxis);
        foreach (var item in p.Items)
        {
            item.AddBounds(bounds);
        }
        var (xMin, xMax) = AxisRange.Resolve(p.XAxis, bounds.HasX, bounds.XMin, bounds.XMax, bounds.StickyX, p.XMin, p.XMax, "X");
        var (yMin, yMax) = AxisRange.Resolve(p.YAxis, bounds.HasY, bounds.YMin, bounds.YMax, bounds.StickyY, p.YMin, p.YMax, "Y");
        var heat = p.Items.OfType<HeatMap>().FirstOrDefault();
        bool hasData = (bounds.HasX && bounds.HasY) || heat is not null;

        // Vertical layout first: it fixes the y ticks, whose label widths then fix the left margin.
        bool hasHeader = !string.IsNullOrEmpty(p.Title) || panelLetter is not null;
        double top = oy + Pad + (hasHeader ? titleFs * 1.6 : tickFs * 0.6);
        double xTickBaseline = TickLength + 3 + (tickFs * 0.78) + (p.XAxis == AxisScale.Log ? tickFs * 0.3 : 0);
        bool hasXLabel = !string.IsNullOrEmpty(p.XLabel);
        double xLabelBaseline = xTickBaseline + (tickFs * 0.25) + 6 + (fs * 0.8);
        double bottomMargin = (hasXLabel ? xLabelBaseline + (fs * 0.25) : xTickBaseline + (tickFs * 0.25)) + Pad;
        double bottom = Math.Max(top + 20, oy + height - bottomMargin);
        double plotH = bottom - top;
        var yTicks = FitTicks(p.YAxis, yMin, yMax, plotH, horizontal: false, tickFs);
        double yTickWidth = yTicks.Where(t => t.IsMajor).Select(t => TextMetrics.Width(t.Label, tickFs)).DefaultIfEmpty(0).Max();
        bool hasYLabel = !string.IsNullOrEmpty(p.YLabel);
        double left = ox + Pad + (hasYLabel ? (fs * 1.2) + 4 : 0) + yTickWidth + TickLength + 4;
        double colorBarWidth = heat is null ? 0 : ColorBar.Width(heat, plotH, tickFs) + (string.IsNullOrEmpty(heat.ColorLabel) ? 0 : fs - tickFs);

        var entries = p.Items.Where(i => i.InLegend).ToList();
        var (legW, legH) = Legend.Measure(entries, legendFs);
        var placement = entries.Count == 0 ? LegendPosition.None : p.Legend;
        if (placement is not (LegendPosition.None or LegendPosition.OutsideRight) && legH > plotH - 12)
        {
            placement = LegendPosition.OutsideRight;
        }

        Layout Build(bool legendOutside)
        {
            double rightLimit = ox + width - Pad - colorBarWidth - (legendOutside ? legW + 10 : 0);
            bool somethingRight = heat is not null || legendOutside;
            double right = rightLimit - (somethingRight ? 0 : 4);
            List<Tick> xTicks = [];
            for (int pass = 0; pass < 2; pass++)
            {
                xTicks = p.XTicks is { } fixedTicks
                    ? [.. fixedTicks.Where(v => v >= xMin && v <= xMax).Select(v => new Tick(v, FixedTickLabel(v, p.XAxis), true))]
                    : FitTicks(p.XAxis, xMin, xMax, Math.Max(20, right - left), horizontal: true, tickFs);
                // A label centred on the last tick may stick out past the plot; pull the axes in if it would be cut.
                var map = new AxisMap(p.XAxis, xMin, xMax, left, right);
                double overhang = xTicks.Where(t => t.IsMajor && t.Label.Length > 0)
                    .Select(t => map.Map(t.Value) + (TextMetrics.Width(t.Label, tickFs) / 2))
                    .DefaultIfEmpty(0).Max() - (somethingRight ? right + ColorBar.Gap - 4 : ox + width - 3);
                if (overhang <= 0)
                {
                    break;
                }
                right -= overhang;
            }
            right = Math.Max(right, left + 20);
            return new Layout(new AxisMap(p.XAxis, xMin, xMax, left, right), new AxisMap(p.YAxis, yMin, yMax, bottom, top),
                xTicks, yTicks, legendOutside);
        }

        var layout = Build(placement == LegendPosition.OutsideRight);
        var ctx = new RenderContext(w, layout.X, layout.Y, id, fs);
        (double X, double Y)? legendAt = null;
        if (placement is not (LegendPosition.None or LegendPosition.OutsideRight))
        {
            var (at, hits) = PlaceInside(p, ctx, placement, legW, legH);
            legendAt = at;
            if (hits > 0)
            {
                // Every inside corner covers data: go outside, unless that squeezes the axes too much
                // (small panels), in which case the least-covering corner is the lesser evil.
                var outside = Build(true);
                if (outside.X.PixelAtMax - outside.X.PixelAtMin >= 0.6 * (layout.X.PixelAtMax - layout.X.PixelAtMin))
                {
                    layout = outside;
                    ctx = new RenderContext(w, layout.X, layout.Y, id, fs);
                    legendAt = null;
                }
            }
        }
        if (layout.LegendOutside)
        {
            legendAt = (ctx.Right + colorBarWidth + 10, ctx.Top);
        }

        w.Line("<g class=\"plot\">");
        w.Line($"<defs><clipPath id=\"{id}-clip\"><rect x=\"{SvgWriter.Num(ctx.Left)}\" y=\"{SvgWriter.Num(ctx.Top)}\" " +
            $"width=\"{SvgWriter.Num(ctx.Right - ctx.Left)}\" height=\"{SvgWriter.Num(ctx.Bottom - ctx.Top)}\"/></clipPath></defs>");
        if (p.Grid)
        {
            DrawGrid(w, ctx, layout);
        }
        w.Line($"<g clip-path=\"url(#{id}-clip)\">");
        foreach (var item in p.Items.Where(i => i.Clipped).OrderBy(i => i.Layer))
        {
            item.Render(ctx);
        }
        w.Line("</g>");
        foreach (var item in p.Items.Where(i => !i.Clipped).OrderBy(i => i.Layer))
        {
            item.Render(ctx);
        }
        foreach (var rl in p.Items.OfType<ReferenceLine>())
        {
            rl.RenderLabel(ctx);
        }
        w.Rect(ctx.Left, ctx.Top, ctx.Right - ctx.Left, ctx.Bottom - ctx.Top, $"class=\"frame\" fill=\"none\" stroke=\"{Ink}\" stroke-width=\"0.9\"");
        DrawTicks(w, ctx, layout, tickFs, xTickBaseline);

        if (hasXLabel)
        {
            w.Text((ctx.Left + ctx.Right) / 2, ctx.Bottom + xLabelBaseline, p.XLabel!, fs, TextAnchor.Middle, cssClass: "xlabel");
        }
        if (hasYLabel)
        {
            w.Text(ox + Pad + (fs * 0.85), (ctx.Top + ctx.Bottom) / 2, p.YLabel!, fs, TextAnchor.Middle, rotate: -90, cssClass: "ylabel");
        }
        double headerBaseline = oy + Pad + (titleFs * 0.95);
        double letterRight = ox + Pad;
        if (panelLetter is not null)
        {
            w.Text(ox + Pad, headerBaseline, panelLetter, titleFs, bold: true, cssClass: "panel-letter");
            letterRight += TextMetrics.Width(panelLetter, titleFs) * 1.1 + 8;
        }
        if (!string.IsNullOrEmpty(p.Title))
        {
            // Centred over the axes, but never over the panel letter or past the panel's right edge.
            double tw = TextMetrics.Width(p.Title, titleFs);
            double cx = (ctx.Left + ctx.Right) / 2;
            cx = Math.Min(cx, ox + width - Pad - (tw / 2));
            cx = Math.Max(cx, letterRight + (tw / 2));
            w.Text(cx, headerBaseline, p.Title, titleFs, TextAnchor.Middle, cssClass: "title");
        }
        if (!hasData)
        {
            w.Text((ctx.Left + ctx.Right) / 2, (ctx.Top + ctx.Bottom) / 2, "no data", fs, TextAnchor.Middle, "#888888",
                italic: true, cssClass: "no-data");
        }
        if (legendAt is (double lx, double ly))
        {
            Legend.Render(w, entries, lx, ly, legendFs);
        }
        if (heat is not null)
        {
            ColorBar.Render(w, heat, ctx.Right, ctx.Top, ctx.Bottom, id, tickFs, fs);
        }
        w.Line("</g>");
    }

    /// <summary>Fewer and fewer ticks until neighbouring labels have room.</summary>
    internal static List<Tick> FitTicks(AxisScale scale, double min, double max, double length, bool horizontal, double fs)
    {
        // Start dense and let the label-collision check thin it out.
        int target = Math.Clamp((int)(length / (horizontal ? (scale == AxisScale.Log ? 40 : 60) : 36)), 2, 12);
        List<Tick> ticks = [];
        for (; target >= 2; target--)
        {
            ticks = scale == AxisScale.Log ? TickGenerator.Log(min, max, target) : TickGenerator.Linear(min, max, target);
            if (LabelsFit(ticks, new AxisMap(scale, min, max, 0, length), horizontal, fs))
            {
                break;
            }
        }
        return ticks;
    }

    private static bool LabelsFit(List<Tick> ticks, AxisMap map, bool horizontal, double fs)
    {
        var labelled = ticks.Where(t => t.IsMajor && t.Label.Length > 0).OrderBy(t => t.Value).ToList();
        for (int i = 1; i < labelled.Count; i++)
        {
            double gap = Math.Abs(map.Map(labelled[i].Value) - map.Map(labelled[i - 1].Value));
            double need = horizontal
                ? ((TextMetrics.Width(labelled[i].Label, fs) + TextMetrics.Width(labelled[i - 1].Label, fs)) / 2) + 10
                : fs * 1.7;
            if (gap < need)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The requested corner, or for Auto the first corner (TR, TL, BL, BR) covering the fewest data points;
    /// also returns how many sampled data points the box covers there.
    /// </summary>
    private static ((double X, double Y) At, int Hits) PlaceInside(Plot p, RenderContext ctx, LegendPosition placement, double lw, double lh)
    {
        const double inset = 6;
        (double, double) Corner(LegendPosition c) => c switch
        {
            LegendPosition.TopLeft => (ctx.Left + inset, ctx.Top + inset),
            LegendPosition.BottomLeft => (ctx.Left + inset, ctx.Bottom - inset - lh),
            LegendPosition.BottomRight => (ctx.Right - inset - lw, ctx.Bottom - inset - lh),
            _ => (ctx.Right - inset - lw, ctx.Top + inset),
        };
        if (placement != LegendPosition.Auto)
        {
            return (Corner(placement), 0);
        }
        // Covering a little data is tolerable; covering text (annotations, reference labels) is not.
        var footprint = p.Items.SelectMany(i => i.Footprint(ctx).Select(f => (f.X, f.Y, W: 1))
            .Concat(i.Obstacles(ctx).Select(f => (f.X, f.Y, W: 1000)))).ToList();
        ((double, double) At, int Hits) best = (Corner(LegendPosition.TopRight), int.MaxValue);
        foreach (var c in new[] { LegendPosition.TopRight, LegendPosition.TopLeft, LegendPosition.BottomLeft, LegendPosition.BottomRight })
        {
            var (x, y) = Corner(c);
            int hits = footprint.Where(f => f.X >= x - 4 && f.X <= x + lw + 4 && f.Y >= y - 4 && f.Y <= y + lh + 4).Sum(f => f.W);
            if (hits < best.Hits)
            {
                best = ((x, y), hits);
            }
        }
        // A legend wider than most of the axes is better outside even if it would fit.
        return lw > (ctx.Right - ctx.Left) * 0.6 ? (best.At, Math.Max(best.Hits, 1)) : best;
    }

    private static void DrawGrid(SvgWriter w, RenderContext ctx, Layout layout)
    {
        // Minor (log) grid lines only where decades are wide; packed together they turn into a grey wash.
        bool xMinor = MinorGridFits(ctx.X), yMinor = MinorGridFits(ctx.Y);
        w.Line("<g class=\"grid\">");
        foreach (var t in layout.XTicks.Where(t => t.IsMajor || xMinor))
        {
            double x = ctx.X.Map(t.Value);
            if (x > ctx.Left + 0.5 && x < ctx.Right - 0.5)
            {
                w.LineSegment(x, ctx.Top, x, ctx.Bottom, t.IsMajor ? "#e3e3e3" : "#f1f1f1", t.IsMajor ? 0.8 : 0.6);
            }
        }
        foreach (var t in layout.YTicks.Where(t => t.IsMajor || yMinor))
        {
            double y = ctx.Y.Map(t.Value);
            if (y > ctx.Top + 0.5 && y < ctx.Bottom - 0.5)
            {
                w.LineSegment(ctx.Left, y, ctx.Right, y, t.IsMajor ? "#e3e3e3" : "#f1f1f1", t.IsMajor ? 0.8 : 0.6);
            }
        }
        w.Line("</g>");
    }

    private static bool MinorGridFits(AxisMap axis) =>
        axis.Scale == AxisScale.Log && Math.Abs(axis.Map(axis.Min * 10) - axis.Map(axis.Min)) >= 80;

    private static void DrawTicks(SvgWriter w, RenderContext ctx, Layout layout, double tickFs, double xTickBaseline)
    {
        w.Line("<g class=\"xticks\">");
        foreach (var t in layout.XTicks)
        {
            double x = ctx.X.Map(t.Value);
            w.LineSegment(x, ctx.Bottom, x, ctx.Bottom + (t.IsMajor ? TickLength : MinorTickLength), Ink, 0.8);
            if (t.IsMajor && t.Label.Length > 0)
            {
                w.Text(x, ctx.Bottom + xTickBaseline, t.Label, tickFs, TextAnchor.Middle);
            }
        }
        w.Line("</g>");
        w.Line("<g class=\"yticks\">");
        foreach (var t in layout.YTicks)
        {
            double y = ctx.Y.Map(t.Value);
            w.LineSegment(ctx.Left - (t.IsMajor ? TickLength : MinorTickLength), y, ctx.Left, y, Ink, 0.8);
            if (t.IsMajor && t.Label.Length > 0)
            {
                w.Text(ctx.Left - TickLength - 3, y + (tickFs * 0.35), t.Label, tickFs, TextAnchor.End);
            }
        }
        w.Line("</g>");
    }

    /// <summary>Label of a caller-chosen tick: large or small decades as 10ⁿ on log axes, otherwise up to 4 digits.</summary>
    private static string FixedTickLabel(double v, AxisScale scale)
    {
        if (scale == AxisScale.Log && v > 0)
        {
            double e = Math.Log10(v);
            int n = (int)Math.Round(e);
            if (Math.Abs(e - n) < 1e-9 && (n >= 4 || n <= -3))
            {
                return NumberFormat.PowerOfTen(n);
            }
        }
        return v.ToString("G4", CultureInfo.InvariantCulture);
    }
}

