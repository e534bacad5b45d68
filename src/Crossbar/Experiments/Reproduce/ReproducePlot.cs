using Crossbar.Plotting;

namespace Crossbar.Experiments.Reproduce;

/// <summary>
/// A figure in the paper's layout: accuracy against the swept quantity, one line per series with min/max error bars,
/// references without an x key (the SW baseline of 002 Figs. 8–10) as a dashed line and band across the axis, and the
/// paper's stated numbers as crosses in the colour of their series. Points with a panel (<see cref="FigureSweep.PanelKey"/>)
/// make a grid of such plots, two to a row, each series in the same colour in every panel; points without a panel (a
/// reference such as the SW curve) appear in every panel.
/// </summary>
public static class ReproducePlot
{
    public static IPlotDocument Build(ReproduceFigure figure, IReadOnlyList<MeasuredPoint> points, bool quick)
    {
        string title = figure.Title + (quick ? " [quick]" : "");
        var names = points.Select(q => q.Series).Concat(figure.PaperValues.Select(v => v.Series)).Distinct().ToList();
        var panels = points.Select(q => q.Panel).Concat(figure.PaperValues.Select(v => v.Panel)).Where(n => n.Length > 0).Distinct().ToList();
        if (panels.Count == 0)
        {
            return Panel(figure, points, figure.PaperValues, names, title);
        }
        int cols = Math.Min(2, panels.Count);
        var grid = new Figure((panels.Count + cols - 1) / cols, cols) { Title = title, PanelWidth = 560, PanelHeight = 400 };
        for (int i = 0; i < panels.Count; i++)
        {
            string panel = panels[i];
            grid[i / cols, i % cols] = Panel(figure, [.. points.Where(q => q.Panel == panel || q.Panel.Length == 0)],
                                             [.. figure.PaperValues.Where(v => v.Panel == panel || v.Panel.Length == 0)], names, panel);
        }
        return grid;
    }

    /// <summary>The one-panel plot of a figure (panels ignored), for custom layouts that place it themselves.</summary>
    public static Plot BuildSingle(ReproduceFigure figure, IReadOnlyList<MeasuredPoint> points, bool quick)
    {
        var names = points.Select(q => q.Series).Concat(figure.PaperValues.Select(v => v.Series)).Distinct().ToList();
        return Panel(figure, points, figure.PaperValues, names, figure.Title + (quick ? " [quick]" : ""));
    }

    /// <summary>One plot: <paramref name="names"/> fixes each series' colour across panels.</summary>
    private static Plot Panel(ReproduceFigure figure, IReadOnlyList<MeasuredPoint> points, IReadOnlyList<PaperValue> paperValues,
                              List<string> names, string title)
    {
        var p = new Plot
        {
            Title = title,
            XLabel = figure.XLabel,
            YLabel = "test accuracy (%)",
            XAxis = figure.XAxis,
            Width = 720,
            Height = 480,
            Legend = LegendPosition.Auto,
        };
        Color ColorOf(string series) => series.StartsWith("SW", StringComparison.Ordinal) ? Palette.Black : Palette.CycleColor(names.IndexOf(series));
        var xs = points.Where(q => !q.IsReference).Select(q => q.X).Concat(paperValues.Select(v => v.X)).Where(double.IsFinite).ToList();
        double xMin = xs.DefaultIfEmpty(0).Min(), xMax = xs.DefaultIfEmpty(1).Max();
        if (figure.XAxis == AxisScale.Log)
        {
            p.XMin = xMin / 1.25;
            p.XMax = xMax * 1.25;
        }
        else
        {
            double pad = xMax > xMin ? (xMax - xMin) * 0.08 : 0.1;
            p.XMin = xMin - pad;
            p.XMax = xMax + pad;
        }
        p.XTicks = figure.XTicks ?? SpacedTicks([.. xs.Distinct().Order()], figure.XAxis, p.XMin.Value, p.XMax.Value);
        // Curves dodge sideways a little so that overlapping error bars stay apart (002 draws them the same way).
        var curves = points.Where(q => !q.IsReference).Select(q => q.Series).Distinct().ToList();
        double Dodge(string series, double x)
        {
            double k = curves.IndexOf(series) - ((curves.Count - 1) / 2.0);
            return figure.XAxis == AxisScale.Log ? x * Math.Pow(1.03, k) : x + (k * 0.012 * (p.XMax.Value - p.XMin.Value));
        }
        foreach (var series in points.Select(q => q.Series).Distinct())
        {
            var color = ColorOf(series);
            var pts = points.Where(q => q.Series == series).OrderBy(q => q.X).ToList();
            if (pts.All(q => q.IsReference))
            {
                var r = pts[0];
                p.Band([p.XMin.Value, p.XMax.Value], [r.Low, r.Low], [r.High, r.High], null, SeriesStyle.Default with { Color = color, FillOpacity = 0.12 });
                p.Line([p.XMin.Value, p.XMax.Value], [r.Accuracy, r.Accuracy], $"{series} (ours)", SeriesStyle.Dashed with { Color = color });
                continue;
            }
            pts = [.. pts.Where(q => !q.IsReference)];
            // Only error bars need dodging: a series without them (a training curve from a PointTable) is drawn at its
            // true x, and without markers once it has many points (they would hide the line).
            bool bars = pts.Any(q => q.High > q.Low);
            var marker = pts.Count > 25 ? MarkerShape.None : series.StartsWith("SW", StringComparison.Ordinal) ? MarkerShape.Circle : MarkerShape.Square;
            double[] x = [.. pts.Select(q => bars ? Dodge(series, q.X) : q.X)];
            if (bars)
            {
                p.ErrorBars(x, [.. pts.Select(q => q.Accuracy)], [.. pts.Select(q => q.Low)], [.. pts.Select(q => q.High)],
                        null, SeriesStyle.Default with { Color = color, LineWidth = 1.2 });
            }
            p.Line(x, [.. pts.Select(q => q.Accuracy)], $"{series} (ours)",
                   SeriesStyle.Default with { Color = color, Marker = marker });
        }
        foreach (var series in paperValues.Select(v => v.Series).Distinct())
        {
            var vals = paperValues.Where(v => v.Series == series).OrderBy(v => v.X).ToList();
            if (vals.All(v => double.IsNaN(v.X)))
            {
                p.Line([p.XMin.Value, p.XMax.Value], [vals[0].Accuracy, vals[0].Accuracy], $"{series} (paper{(vals[0].Peak ? ", peak" : "")})",
                       SeriesStyle.Dotted with { Color = ColorOf(series) });
                continue;
            }
            p.Line([.. vals.Select(v => v.X)], [.. vals.Select(v => v.Accuracy)], $"{series} (paper)",
                   SeriesStyle.Dotted with { Color = ColorOf(series), Marker = MarkerShape.Cross, MarkerSize = 9 });
        }
        return p;
    }

    /// <summary>
    /// The swept values as ticks, less those closer than 6 % of the axis to the previous kept one (their labels would
    /// overlap, e.g. ν = 0, 0.005, 0.01 on a 0–0.1 axis); the points themselves are all drawn.
    /// </summary>
    private static List<double> SpacedTicks(List<double> values, AxisScale axis, double min, double max)
    {
        double Pos(double v) => axis == AxisScale.Log ? Math.Log10(v) : v;
        double minGap = 0.06 * (Pos(max) - Pos(min));
        var kept = new List<double>();
        foreach (var v in values)
        {
            if (axis == AxisScale.Log && v <= 0)
            {
                continue;
            }
            if (kept.Count == 0 || Pos(v) - Pos(kept[^1]) >= minGap)
            {
                kept.Add(v);
            }
        }
        return kept;
    }
}
