using Crossbar.Inference;
using Crossbar.Sweeps;

namespace Crossbar.Experiments.Reproduce;

/// <summary>
/// A CSV that every run of a sweep writes into its point folder and whose rows are points of the figure: for runs
/// that each give a whole curve (an inference study's <c>variation_summary.csv</c> or <c>drift_summary.csv</c>, a
/// training run's <c>metrics.csv</c>) rather than one final accuracy. Accuracy columns hold fractions (0–1).
/// </summary>
public sealed record PointTable
{
    /// <summary>File name inside each point's run folder, e.g. <c>variation_summary.csv</c>.</summary>
    public required string File { get; init; }

    public required string XColumn { get; init; }

    /// <summary>Columns that separate curves: their values are <c>{1}</c>, <c>{2}</c>, … of <see cref="FigureSweep.SeriesFormat"/>.</summary>
    public IReadOnlyList<string> SeriesColumns { get; init; } = [];

    public required string AccuracyColumn { get; init; }

    /// <summary>Lower end of the error bar; null = the accuracy itself (no bar).</summary>
    public string? LowColumn { get; init; }

    public string? HighColumn { get; init; }

    /// <summary>Rows with a smaller x are left out (e.g. 1: the untrained network's evaluation at epoch 0).</summary>
    public double XFrom { get; init; } = double.NegativeInfinity;

    /// <summary>
    /// The table's points over every finished run of the sweep: one per (series, x), averaged over seeds, the band the
    /// lowest low to the highest high. Where a run has several rows of one (series, x) the last counts (metrics.csv
    /// ends with the full-test-set evaluation after the last subset one). A run's wall time is shared by its points.
    /// </summary>
    public IEnumerable<MeasuredPoint> Collect(FigureSweep sweep, SweepPlan plan, IReadOnlyDictionary<string, PointMarker> markers, string outDir)
    {
        var rows = new List<(string Panel, string Series, double X, string XText, double Acc, double Low, double High, double Wall)>();
        foreach (var point in plan.Points.Where(p => markers.ContainsKey(p.Id)))
        {
            var marker = markers[point.Id];
            string path = Path.Combine(SweepEngine.PointDir(outDir, point), File);
            var csv = SummaryCsv.TryRead(path) ?? throw new CrossbarException($"{path}: missing or empty; delete the point's folder to run it again");
            string seriesKey = sweep.SeriesKey is null ? "" : marker.Compact(sweep.SeriesKey);
            string panel = sweep.PanelName(marker);
            var last = new Dictionary<(string, double), (string XText, double Acc, double Low, double High)>();
            var order = new List<(string, double)>();
            foreach (var row in csv.Rows)
            {
                string xText = csv.Text(row, XColumn);
                if (sweep.ParseX(xText) < XFrom)
                {
                    continue;
                }
                var key = (sweep.SeriesName([seriesKey, .. SeriesColumns.Select(c => csv.Text(row, c))]), sweep.ParseX(xText));
                double acc = 100 * csv.Number(row, AccuracyColumn);
                if (!last.ContainsKey(key))
                {
                    order.Add(key);
                }
                last[key] = (xText, acc, LowColumn is null ? acc : 100 * csv.Number(row, LowColumn), HighColumn is null ? acc : 100 * csv.Number(row, HighColumn));
            }
            double wall = marker.Metrics().FirstOrDefault(m => m.Name == "wall_seconds").Value / Math.Max(1, order.Count);
            rows.AddRange(order.Select(k => (panel, k.Item1, k.Item2, last[k].XText, last[k].Acc, last[k].Low, last[k].High, wall)));
        }
        foreach (var g in rows.GroupBy(r => (r.Panel, r.Series, r.X)))
        {
            yield return new MeasuredPoint(g.Key.Series, g.Key.X, g.First().XText, g.Average(r => r.Acc), g.Min(r => r.Low), g.Max(r => r.High),
                                           g.Count(), g.Sum(r => r.Wall), g.Key.Panel);
        }
    }
}
