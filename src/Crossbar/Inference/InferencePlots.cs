using Crossbar.Plotting;

namespace Crossbar.Inference;

/// <summary>
/// Plots of the inference studies, drawn from their summary CSVs: accuracy vs log time with the min–max band of the
/// K repeats (drift.svg), accuracy vs σ with min–max error bars (variation.svg, as 002 Fig. 14) and accuracy vs
/// input-noise variance (noisy_inputs.svg, as 003 Fig. 5). Returns the files written.
/// </summary>
public static class InferencePlots
{
    public static IReadOnlyList<string> Write(string outDir, string name)
    {
        var written = new List<string>();
        if (SummaryCsv.TryRead(Path.Combine(outDir, DriftStudy.SummaryFile)) is { } drift)
        {
            written.Add(Drift(drift, name, outDir));
        }
        if (SummaryCsv.TryRead(Path.Combine(outDir, VariationStudy.SummaryFile)) is { } variation)
        {
            written.Add(Variation(variation, name, outDir));
        }
        if (SummaryCsv.TryRead(Path.Combine(outDir, NoisyInputStudy.SummaryFile)) is { } noisy)
        {
            written.Add(Noisy(noisy, name, outDir));
        }
        return written;
    }

    private static string Drift(SummaryCsv csv, string name, string outDir)
    {
        var p = new Plot
        {
            Title = $"{name}: accuracy after programming",
            XLabel = "time after programming (s)",
            YLabel = "test accuracy (%)",
            XAxis = AxisScale.Log,
            Legend = LegendPosition.Auto,
        };
        var groups = csv.Rows.GroupBy(r => (csv.Text(r, "model"), csv.Text(r, "compensation")));
        foreach (var g in groups)
        {
            var rows = g.OrderBy(r => csv.Number(r, "time_s")).ToList();
            double[] t = [.. rows.Select(r => Math.Max(csv.Number(r, "time_s"), 1e-3))];
            bool compensated = g.Key.Item2 != "none";
            var style = (compensated ? SeriesStyle.Default : SeriesStyle.Dashed) with
            {
                Marker = g.Key.Item1 == "direct" ? MarkerShape.Circle : MarkerShape.Square,
            };
            p.Line(t, [.. rows.Select(r => 100 * csv.Number(r, "mean_accuracy"))],
                   $"{g.Key.Item1.Replace('_', '-')}, {(compensated ? "drift compensation" : "no compensation")}", style);
            p.Band(t, [.. rows.Select(r => 100 * csv.Number(r, "min_accuracy"))], [.. rows.Select(r => 100 * csv.Number(r, "max_accuracy"))]);
        }
        return Save(p, outDir, "drift");
    }

    private static string Variation(SummaryCsv csv, string name, string outDir)
    {
        var p = new Plot
        {
            Title = $"{name}: accuracy vs device variation",
            XLabel = "device-to-device σ",
            YLabel = "test accuracy (%)",
        };
        foreach (var g in csv.Rows.GroupBy(r => csv.Text(r, "mode")))
        {
            var rows = g.Where(r => double.IsFinite(csv.Number(r, "mean_accuracy"))).OrderBy(r => csv.Number(r, "sigma")).ToList();
            if (rows.Count == 0)
            {
                continue;
            }
            double[] x = [.. rows.Select(r => csv.Number(r, "sigma"))];
            p.Line(x, [.. rows.Select(r => 100 * csv.Number(r, "mean_accuracy"))], g.Key.Replace('_', '-'),
                   SeriesStyle.Default with { Marker = MarkerShape.Square });
            p.ErrorBars(x, [.. rows.Select(r => 100 * csv.Number(r, "mean_accuracy"))],
                        [.. rows.Select(r => 100 * csv.Number(r, "min_accuracy"))], [.. rows.Select(r => 100 * csv.Number(r, "max_accuracy"))]);
        }
        return Save(p, outDir, "variation");
    }

    private static string Noisy(SummaryCsv csv, string name, string outDir)
    {
        var p = new Plot
        {
            Title = $"{name}: noisy test inputs",
            XLabel = "input noise variance σᵢ²",
            YLabel = "test accuracy (%)",
        };
        foreach (var g in csv.Rows.GroupBy(r => csv.Text(r, "mode")))
        {
            var rows = g.OrderBy(r => csv.Number(r, "variance")).ToList();
            double[] x = [.. rows.Select(r => csv.Number(r, "variance"))];
            string label = g.Key == "float" ? "float baseline" : g.Key.Replace("stochastic_bl", "stochastic, BL = ");
            p.Line(x, [.. rows.Select(r => 100 * csv.Number(r, "mean_accuracy"))], label,
                   (g.Key == "float" ? SeriesStyle.Dashed : SeriesStyle.Default) with { Marker = MarkerShape.Circle });
            p.ErrorBars(x, [.. rows.Select(r => 100 * csv.Number(r, "mean_accuracy"))],
                        [.. rows.Select(r => 100 * csv.Number(r, "min_accuracy"))], [.. rows.Select(r => 100 * csv.Number(r, "max_accuracy"))]);
        }
        return Save(p, outDir, "noisy_inputs");
    }

    private static string Save(Plot p, string outDir, string file)
    {
        string path = Path.Combine(outDir, file);
        PlotWriter.Save(p, path);
        return path + ".svg";
    }
}
