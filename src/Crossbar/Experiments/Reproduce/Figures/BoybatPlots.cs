using System.Globalization;
using System.IO.Compression;
using Crossbar.Plotting;

namespace Crossbar.Experiments.Reproduce.Figures;

/// <summary>
/// 000 (Boybat et al., 000_be961920015dd47a.txt) figures whose layout is not one accuracy-vs-x plot: panels per case
/// with training and test accuracy (Figs. 5, 9–12, 15), CDFs read from the runs' files (gains: Figs. 9c–12c; Safety
/// Margin: Fig. 19) and accuracy against energy in η order (Fig. 20).
/// </summary>
internal static class BoybatPlots
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>The paper's case labels (§II, Fig. 5) for our sweeps' <c>name</c> values.</summary>
    public static string CaseLabel(string series) => series switch
    {
        "case-1" => "#1: tanh, input [−1, 1], GT {−1, 1}",
        "case-2a" => "#2a: tanh, input [−1, 1], GT {0, 1}",
        "case-2b" => "#2b: tanh, input [0, 1], GT {−1, 1}",
        "case-3" => "#3: tanh, input [0, 1], GT {0, 1}",
        "case-4" => "#4: scaled tanh, input [0, 1], GT {0, 1}",
        "case-5" => "#5: as #4, with Local Gains",
        _ => series,
    };

    /// <summary>Fig. 5 a–f: one panel per case, training (blue) and test (red) accuracy against η.</summary>
    public static IPlotDocument Fig5(ReproduceFigure figure, IReadOnlyList<MeasuredPoint> points, bool quick)
    {
        var series = points.Select(q => q.Series).Distinct().ToList();
        var fig = NewFigure(figure, quick, (series.Count + 2) / 3, 3);
        for (int i = 0; i < series.Count; i++)
        {
            var panel = AccuracyPanel(CaseLabel(series[i]), figure.XLabel, figure.XAxis, Of(points, series[i]), PaperOf(figure, series[i]));
            (panel.XMin, panel.XMax) = (points.Min(q => q.X) / 1.5, points.Max(q => q.X) * 1.5); // one η range in every panel
            fig[i / 3, i % 3] = panel;
        }
        return fig;
    }

    /// <summary>Figs. 9–12: accuracy against η per Local Gains variant (b panels), and below it the CDFs of g_x and g_δ after training at that variant's best η (c panels, Fig. 11).</summary>
    public static IPlotDocument Fig9To12(ReproduceFigure figure, IReadOnlyList<MeasuredPoint> points, bool quick)
    {
        var series = points.Select(q => q.Series).Distinct().ToList();
        var fig = NewFigure(figure, quick, 2, series.Count);
        for (int i = 0; i < series.Count; i++)
        {
            var pts = Of(points, series[i]);
            var panel = AccuracyPanel($"{series[i]} LG: accuracy vs η", figure.XLabel, figure.XAxis, pts, PaperOf(figure, series[i]));
            (panel.XMin, panel.XMax) = (points.Min(q => q.X) / 1.5, points.Max(q => q.X) * 1.5);
            fig[0, i] = panel;
            var best = pts.MaxBy(q => q.Accuracy);
            fig[1, i] = GainCdfPanel(series[i], best);
        }
        return fig;
    }

    /// <summary>Fig. 15 a–c: accuracy against LGC, the maximum and the minimum gain (one sweep, and one series, per panel).</summary>
    public static IPlotDocument Fig15(ReproduceFigure figure, IReadOnlyList<MeasuredPoint> points, bool quick)
    {
        var series = points.Select(q => q.Series).Distinct().ToList();
        var fig = NewFigure(figure, quick, 1, series.Count);
        for (int i = 0; i < series.Count; i++)
        {
            fig[0, i] = AccuracyPanel(series[i], series[i], AxisScale.Log, Of(points, series[i]), null);
        }
        return fig;
    }

    /// <summary>Fig. 19 a–c: CDFs of the Safety Margin over the test set at each snapshot, one panel per case.</summary>
    public static IPlotDocument Fig19(ReproduceFigure figure, IReadOnlyList<MeasuredPoint> points, bool quick)
    {
        var fig = NewFigure(figure, quick, 1, points.Count);
        fig.PanelWidth = 440;
        // Safety Margins of every snapshot, per case: (snapshot, values) in the order the run wrote them.
        var cases = points.Select(q => (q.RunDirs.Count == 0 ? [] : ReadCsv(Path.Combine(q.RunDirs[0], "safety_margin.csv")))
                                       .GroupBy(r => r[0]).Select(g => (g.Key, g.Select(r => double.Parse(r[5], C)).ToList())).ToList()).ToList();
        var all = cases.SelectMany(c => c.SelectMany(s => s.Item2)).DefaultIfEmpty(0).ToList();
        double lo = Math.Floor(all.Min() * 2) / 2, hi = Math.Ceiling(all.Max() * 2) / 2; // one SM range in every panel
        for (int i = 0; i < points.Count; i++)
        {
            var q = points[i];
            var p = new Plot
            {
                Title = $"{CaseLabel(q.Series)}, η = {q.X:G2}: {q.Accuracy:F1} %",
                XLabel = "Safety Margin",
                YLabel = "CDF",
                XMin = lo,
                XMax = hi,
                YMin = 0,
                YMax = 1,
                Legend = LegendPosition.TopLeft,
            };
            int k = 0;
            foreach (var (snapshot, sm) in cases[i])
            {
                double median = sm.Order().ElementAt(sm.Count / 2);
                p.Cdf(sm, $"{snapshot} (median {median:F2})", SeriesStyle.Default with { Color = Palette.CycleColor(k++) });
            }
            p.VLine(0, "");
            fig[0, i] = p;
        }
        return fig;
    }

    /// <summary>
    /// Figs. 7, 16 and 20 from the same runs: (a) test accuracy against η for cases #3–#5 (the standard plot), (b) test
    /// accuracy against SET and RESET energy (x from results.csv) for #4 and #5, as the paper, each curve in η order.
    /// </summary>
    public static IPlotDocument Fig7To16To20(ReproduceFigure figure, IReadOnlyList<MeasuredPoint> points, bool quick)
    {
        var fig = NewFigure(figure, quick, 1, 2);
        fig.PanelWidth = 620;
        fig.PanelHeight = 440;
        var byEta = points.Where(q => !q.Series.Contains("energy", StringComparison.Ordinal)).ToList();
        var a = ReproducePlot.BuildSingle(figure, byEta, quick);
        a.Title = "Figs. 7, 16: test accuracy vs η";
        a.Legend = LegendPosition.BottomLeft;
        a.YMin = 0;
        a.YMax = 100;
        fig[0, 0] = a;
        var b = new Plot
        {
            Title = "Fig. 20: test accuracy vs pulse energy (η rising along each curve)",
            XLabel = "energy of SET or RESET pulses (J)",
            YLabel = "test accuracy (%)",
            XAxis = AxisScale.Log,
            YMin = 0,
            YMax = 100,
            Legend = LegendPosition.BottomLeft,
        };
        var energy = points.Where(q => q.Series.Contains("energy", StringComparison.Ordinal) && !q.Series.StartsWith("case-3", StringComparison.Ordinal)).ToList();
        var cases = energy.Select(q => q.Series.Split(',')[0]).Distinct().ToList();
        foreach (var series in energy.Select(q => q.Series).Distinct())
        {
            var pts = Of(energy, series).Where(q => q.X > 0).ToList(); // sweep order = η order
            bool set = series.Contains(", SET", StringComparison.Ordinal);
            var color = Palette.CycleColor(1 + cases.IndexOf(series.Split(',')[0]));
            b.Line([.. pts.Select(q => q.X)], [.. pts.Select(q => q.Accuracy)], series,
                   (set ? SeriesStyle.Default : SeriesStyle.Dashed) with { Color = color, Marker = set ? MarkerShape.Circle : MarkerShape.Triangle });
        }
        b.HLine(90, "90 %", SeriesStyle.Dotted with { Color = Palette.Gray });
        fig[0, 1] = b;
        return fig;
    }

    private static Figure NewFigure(ReproduceFigure figure, bool quick, int rows, int cols) =>
        new(rows, cols) { Title = figure.Title + (quick ? " [quick]" : ""), PanelWidth = 420, PanelHeight = 320 };

    private static List<MeasuredPoint> Of(IReadOnlyList<MeasuredPoint> points, string series) => [.. points.Where(q => q.Series == series)];

    private static PaperValue? PaperOf(ReproduceFigure figure, string series) => figure.PaperValues.FirstOrDefault(v => v.Series == series);

    /// <summary>Training (blue circles: running accuracy over the last epoch) and test (red squares, fluctuation band) accuracy, as the paper's panels.</summary>
    private static Plot AccuracyPanel(string title, string xLabel, AxisScale axis, List<MeasuredPoint> pts, PaperValue? paper)
    {
        var p = new Plot { Title = title, XLabel = xLabel, YLabel = "accuracy (%)", XAxis = axis, YMin = 0, YMax = 100, Legend = LegendPosition.BottomLeft };
        pts = [.. pts.Where(q => !q.IsReference).OrderBy(q => q.X)];
        if (pts.Count == 0)
        {
            return p;
        }
        double[] x = [.. pts.Select(q => q.X)];
        var train = pts.Select(q => q.Means.TryGetValue("final_train_accuracy", out double t) ? 100 * t : double.NaN).ToList();
        p.Line(x, train, "training", SeriesStyle.Default with { Color = Palette.Blue, Marker = MarkerShape.Circle });
        p.ErrorBars(x, [.. pts.Select(q => q.Accuracy)], [.. pts.Select(q => q.Low)], [.. pts.Select(q => q.High)], null,
                    SeriesStyle.Default with { Color = Palette.Vermillion, LineWidth = 1.2 });
        p.Line(x, [.. pts.Select(q => q.Accuracy)], "test", SeriesStyle.Default with { Color = Palette.Vermillion, Marker = MarkerShape.Square });
        var best = pts.MaxBy(q => q.Accuracy)!;
        p.Text(0.03, 0.3, $"best test {best.Accuracy:F1} % at {best.X:G2}", TextAnchor.Start, CoordinateSpace.Axes);
        if (paper is not null)
        {
            p.HLine(paper.Accuracy, $"paper{(paper.Peak ? " peak" : "")} {paper.Accuracy:F1} %", SeriesStyle.Dotted with { Color = Palette.Black });
        }
        return p;
    }

    /// <summary>CDFs of every layer's g_x (solid) and g_δ (dashed) from a run's local_gains.csv; before training all gains are 1.</summary>
    private static Plot GainCdfPanel(string variant, MeasuredPoint? best)
    {
        var p = new Plot
        {
            Title = best is null ? variant : $"{variant} LG: gains after training (η = {best.X:G2})",
            XLabel = "local gain",
            YLabel = "CDF",
            XAxis = AxisScale.Log,
            XMin = 0.05,
            XMax = 15,
            YMin = 0,
            YMax = 1,
            Legend = LegendPosition.TopLeft,
        };
        if (best is null || best.RunDirs.Count == 0)
        {
            return p;
        }
        var rows = ReadCsv(Path.Combine(best.RunDirs[0], "local_gains.csv")).ToList();
        int output = rows.Where(r => r[0] == "g_delta").Select(r => int.Parse(r[1], C)).DefaultIfEmpty(0).Max();
        foreach (var g in rows.GroupBy(r => (Kind: r[0], Layer: int.Parse(r[1], C))).OrderBy(g => g.Key.Kind == "g_x" ? 0 : 1).ThenBy(g => g.Key.Layer))
        {
            var v = g.Select(r => double.Parse(r[3], C)).ToList();
            string name = g.Key.Kind == "g_x"
                ? $"g_x, {(g.Key.Layer == 0 ? "input" : $"hidden {g.Key.Layer}")}"
                : $"g_δ, {(g.Key.Layer == output ? "output" : $"hidden {g.Key.Layer}")}";
            int color = g.Key.Kind == "g_x" ? g.Key.Layer : output + g.Key.Layer; // the same colour for a layer's gain in every panel
            p.Cdf(v, name, (g.Key.Kind == "g_x" ? SeriesStyle.Default : SeriesStyle.Dashed) with { Color = Palette.CycleColor(color) });
        }
        p.VLine(1, "before training");
        return p;
    }

    /// <summary>Rows after the header of a run's CSV table (plain, or gzipped as committed: <c>NAME.gz</c>).</summary>
    private static IEnumerable<string[]> ReadCsv(string path)
    {
        Stream? stream = File.Exists(path) ? File.OpenRead(path)
            : File.Exists(path + ".gz") ? new GZipStream(File.OpenRead(path + ".gz"), CompressionMode.Decompress)
            : null;
        if (stream is null)
        {
            yield break;
        }
        using var reader = new StreamReader(stream);
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            yield return line.Split(',');
        }
    }
}
