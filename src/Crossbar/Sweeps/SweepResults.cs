using Crossbar.Output;

namespace Crossbar.Sweeps;

/// <summary>
/// The sweep's tables, rebuilt from point markers: <c>results.csv</c> (one row per point and seed: swept keys, seed,
/// every number of the run's summary, point id) and <c>aggregate.csv</c> (one row per grid combination: swept keys,
/// n, then mean/min/max/std over seeds of each number). Both are plain CSV that pandas and R read as is; a number a
/// run did not report, and the std of a single run, are empty cells.
/// </summary>
public static class SweepResults
{
    public const string ResultsFile = "results.csv";
    public const string AggregateFile = "aggregate.csv";
    public const string SeedColumn = "seed";
    public const string IdColumn = "point_id";
    public const string CountColumn = "n";

    /// <summary>Writes both tables atomically; <paramref name="markers"/> must be in sweep order.</summary>
    public static void Write(string outDir, IReadOnlyList<string> keys, IReadOnlyList<PointMarker> markers)
    {
        Results(keys, markers).Save(Path.Combine(outDir, ResultsFile));
        Aggregate(keys, markers).Save(Path.Combine(outDir, AggregateFile));
    }

    public static CsvTable Results(IReadOnlyList<string> keys, IReadOnlyList<PointMarker> markers)
    {
        var metrics = MetricNames(keys, markers);
        var table = new CsvTable([.. keys, SeedColumn, .. metrics, IdColumn]);
        foreach (var m in markers)
        {
            var values = m.Metrics().ToDictionary(x => x.Name, x => x.Value);
            table.Add([.. keys.Select(m.Compact), m.Seed, .. metrics.Select(n => values.TryGetValue(n, out double v) ? v : (object?)null), m.Id]);
        }
        return table;
    }

    public static CsvTable Aggregate(IReadOnlyList<string> keys, IReadOnlyList<PointMarker> markers)
    {
        var metrics = MetricNames(keys, markers);
        string[] stats = ["mean", "min", "max", "std"];
        var table = new CsvTable([.. keys, CountColumn, .. metrics.SelectMany(n => stats.Select(s => $"{n}_{s}"))]);
        foreach (var group in markers.GroupBy(m => m.GroupId))
        {
            var first = group.First();
            var row = new List<object?>(keys.Select(first.Compact)) { group.Count() };
            var runs = group.Select(m => m.Metrics().ToDictionary(x => x.Name, x => x.Value)).ToList();
            foreach (var name in metrics)
            {
                var xs = runs.Where(r => r.ContainsKey(name)).Select(r => r[name]).ToList();
                row.AddRange(xs.Count == 0 ? [null, null, null, null] : [Mean(xs), xs.Min(), xs.Max(), Std(xs)]);
            }
            table.Add([.. row]);
        }
        return table;
    }

    /// <summary>Every metric any marker reports, in order of first appearance, minus names the key columns already use.</summary>
    private static List<string> MetricNames(IReadOnlyList<string> keys, IReadOnlyList<PointMarker> markers)
    {
        var names = new List<string>();
        var seen = new HashSet<string>([.. keys, SeedColumn, IdColumn, CountColumn]);
        foreach (var m in markers)
        {
            foreach (var (name, _) in m.Metrics())
            {
                if (seen.Add(name))
                {
                    names.Add(name);
                }
            }
        }
        return names;
    }

    private static double Mean(List<double> xs)
    {
        double sum = 0;
        foreach (double x in xs)
        {
            sum += x;
        }
        return sum / xs.Count;
    }

    /// <summary>Sample standard deviation (n − 1, as pandas and R compute it); NaN (an empty cell) for one run.</summary>
    private static double Std(List<double> xs)
    {
        if (xs.Count < 2)
        {
            return double.NaN;
        }
        double mean = Mean(xs);
        double ss = 0;
        foreach (double x in xs)
        {
            ss += (x - mean) * (x - mean);
        }
        return Math.Sqrt(ss / (xs.Count - 1));
    }
}
