using System.Diagnostics;
using System.Globalization;
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
        var once = new Dictionary<string, (SweepPlan Plan, string Dir)>(); // a file listed twice (other x or series) runs once
        foreach (var sweep in figure.Sweeps)
        {
            if (once.TryGetValue(sweep.File, out var seen))
            {
                points.AddRange(Collect(sweep, seen.Plan, SweepEngine.LoadMarkers(seen.Plan, seen.Dir), seen.Dir));
                continue;
            }
            var plan = SweepFile.Load(ReproducePaths.SweepPath(root, sweep), overrides);
            string dir = Path.Combine(outDir, plan.Name);
            once[sweep.File] = (plan, dir);
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
            points.AddRange(sweep.Table is { } table ? table.Collect(sweep, plan, markers, dir) : Collect(sweep, plan, markers, dir));
        }
        string plot = Path.Combine(outDir, figure.Id);
        PlotWriter.Save(figure.CustomPlot?.Invoke(figure, points, options.Quick) ?? ReproducePlot.Build(figure, points, options.Quick), plot);
        var result = new ReproduceOutcome(outDir, points, ran, total, clock.Elapsed.TotalSeconds, plot, Path.Combine(outDir, ReproduceReport.FileName));
        ReproduceReport.Write(figure, result, options.Quick, overrides);
        return result;
    }

    /// <summary>One measured point per grid combination, over its finished seeds, in sweep order.</summary>
    /// <param name="dir">The sweep's output folder, to name the points' run folders; null = none.</param>
    public static IEnumerable<MeasuredPoint> Collect(FigureSweep sweep, SweepPlan plan, IReadOnlyDictionary<string, PointMarker> markers, string? dir = null)
    {
        foreach (var group in plan.Points.Where(p => markers.ContainsKey(p.Id)).Select(p => markers[p.Id]).GroupBy(m => m.GroupId))
        {
            var first = group.First();
            var runs = group.Select(m => m.Metrics().ToDictionary(x => x.Name, x => x.Value)).ToList();
            double Get(Dictionary<string, double> r, string name) => r.TryGetValue(name, out double v) ? 100 * v : double.NaN;
            var acc = runs.Select(r => Get(r, "test_accuracy")).ToList();
            var lo = runs.Select(r => Get(r, "fluctuation_min")).Where(double.IsFinite).DefaultIfEmpty(acc.Min()).Min();
            var hi = runs.Select(r => Get(r, "fluctuation_max")).Where(double.IsFinite).DefaultIfEmpty(acc.Max()).Max();
            var means = runs.SelectMany(r => r.Keys).Distinct().ToDictionary(k => k, k => runs.Where(r => r.ContainsKey(k)).Average(r => r[k]));
            string xText = sweep.XColumn is { } column
                ? (means.TryGetValue(column, out double xc) ? xc : double.NaN).ToString("G4", CultureInfo.InvariantCulture)
                : sweep.XKey is null ? "" : first.Compact(sweep.XKey);
            double x = sweep.XColumn is not null ? double.Parse(xText, CultureInfo.InvariantCulture) : sweep.XKey is null ? double.NaN : sweep.ParseX(xText);
            string series = sweep.SeriesName(sweep.SeriesKey is null ? null : first.Compact(sweep.SeriesKey));
            double wall = runs.Sum(r => r.TryGetValue("wall_seconds", out double w) ? w : 0);
            yield return new MeasuredPoint(series, x, xText, acc.Average(), lo, hi, runs.Count, wall, sweep.PanelName(first))
            {
                Means = means,
                RunDirs = dir is null ? [] : [.. group.Select(m => Path.Combine(dir, "points", m.Id))],
            };
        }
    }
}
