using System.Diagnostics;
using Crossbar.Plotting;
using Crossbar.Sweeps;
using Crossbar.Training;

namespace Crossbar.Experiments.Reproduce;

/// <summary>
/// Runs a figure: each of its sweeps (resumable, via <see cref="SweepEngine"/>) into <c>OUT/&lt;sweep name&gt;/</c>, then
/// draws <c>OUT/&lt;id&gt;.svg/.png</c> and writes <c>OUT/REPORT.md</c>.
/// </summary>
public static class ReproduceRunner
{
    public static ReproduceOutcome Run(ReproduceFigure figure, ReproduceOptions options, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        string root = options.Root ?? ReproducePaths.FindRoot(figure);
        string outDir = options.OutputDir
                        ?? (options.Quick ? figure.QuickOutputDir : Path.GetRelativePath(Environment.CurrentDirectory, Path.Combine(root, figure.FullOutputDir)));
        var overrides = (options.Quick ? figure.QuickOverrides : []).Concat(options.Overrides).ToList();
        var progress = options.Progress ?? NullProgress.Instance;
        var cache = new DatasetCache();
        var points = new List<MeasuredPoint>();
        int ran = 0, total = 0;
        foreach (var sweep in figure.Sweeps)
        {
            var plan = SweepFile.Load(ReproducePaths.SweepPath(root, sweep), overrides);
            string dir = Path.Combine(outDir, plan.Name);
            var outcome = SweepEngine.Run(plan, new SweepOptions
            {
                OutputDir = dir,
                Parallel = options.Parallel,
                DataFolder = options.DataFolder,
                Data = cache,
            }, sweep.Runner, progress, cancel);
            ran += outcome.Ran;
            total += outcome.Total;
            var markers = SweepEngine.LoadMarkers(plan, dir);
            points.AddRange(sweep.Table is { } table ? table.Collect(sweep, plan, markers, dir) : Collect(sweep, plan, markers));
        }
        string plot = Path.Combine(outDir, figure.Id);
        PlotWriter.Save(ReproducePlot.Build(figure, points, options.Quick), plot);
        var result = new ReproduceOutcome(outDir, points, ran, total, clock.Elapsed.TotalSeconds, plot, Path.Combine(outDir, ReproduceReport.FileName));
        ReproduceReport.Write(figure, result, options.Quick, overrides);
        return result;
    }

    /// <summary>One measured point per grid combination, over its finished seeds, in sweep order.</summary>
    public static IEnumerable<MeasuredPoint> Collect(FigureSweep sweep, SweepPlan plan, IReadOnlyDictionary<string, PointMarker> markers)
    {
        foreach (var group in plan.Points.Where(p => markers.ContainsKey(p.Id)).Select(p => markers[p.Id]).GroupBy(m => m.GroupId))
        {
            var first = group.First();
            var runs = group.Select(m => m.Metrics().ToDictionary(x => x.Name, x => x.Value)).ToList();
            double Get(Dictionary<string, double> r, string name) => r.TryGetValue(name, out double v) ? 100 * v : double.NaN;
            var acc = runs.Select(r => Get(r, "test_accuracy")).ToList();
            var lo = runs.Select(r => Get(r, "fluctuation_min")).Where(double.IsFinite).DefaultIfEmpty(acc.Min()).Min();
            var hi = runs.Select(r => Get(r, "fluctuation_max")).Where(double.IsFinite).DefaultIfEmpty(acc.Max()).Max();
            string xText = sweep.XKey is null ? "" : first.Compact(sweep.XKey);
            double x = sweep.XKey is null ? double.NaN : sweep.ParseX(xText);
            string series = sweep.SeriesName(sweep.SeriesKey is null ? null : first.Compact(sweep.SeriesKey));
            double wall = runs.Sum(r => r.TryGetValue("wall_seconds", out double w) ? w : 0);
            yield return new MeasuredPoint(series, x, xText, acc.Average(), lo, hi, runs.Count, wall, sweep.PanelName(first));
        }
    }
}
