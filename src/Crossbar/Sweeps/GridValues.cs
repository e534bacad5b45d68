using System.Globalization;
using Crossbar.Config;

namespace Crossbar.Sweeps;

/// <summary>
/// The values one grid key takes: a YAML list of any values, or a generator mapping
/// <c>{log_range: [lo, hi], points: n}</c>, <c>{range: [lo, hi], points: n}</c> or <c>{values: [...]}</c>.
/// </summary>
public static class GridValues
{
    public const string LogRange = "log_range";
    public const string Range = "range";
    public const string Values = "values";
    public const string Points = "points";

    public static IReadOnlyList<ConfigNode> Expand(string key, ConfigNode node)
    {
        switch (node)
        {
            case ConfigList list:
                if (list.Items.Count == 0)
                {
                    throw new ConfigException(node.Where, $"grid.{key}", "the list of values is empty");
                }
                return list.Items;
            case ConfigMap map:
                return Generate(key, map);
            default:
                throw new ConfigException(node.Where, $"grid.{key}",
                    "must be a list of values ([a, b, ...]) or a generator ({log_range: [lo, hi], points: n}, {range: [lo, hi], points: n}, {values: [...]}); " +
                    "a single fixed value belongs under experiment:");
        }
    }

    private static IReadOnlyList<ConfigNode> Generate(string key, ConfigMap map)
    {
        string path = $"grid.{key}";
        string[] kinds = [LogRange, Range, Values];
        var present = kinds.Where(k => map.TryGet(k, out _)).ToList();
        foreach (var (k, v) in map.Entries)
        {
            if (!kinds.Contains(k) && k != Points)
            {
                string near = ConfigBinder.Nearest(k, [.. kinds, Points]);
                throw new ConfigException(v.Where, $"{path}.{k}",
                    $"unknown generator key{(near.Length > 0 ? $" (did you mean '{near}'?)" : "")}; allowed: log_range, range, values, points");
            }
        }
        if (present.Count != 1)
        {
            throw new ConfigException(map.Where, path, "a generator needs exactly one of log_range, range, values");
        }
        map.TryGet(present[0], out var body);
        if (present[0] == Values)
        {
            if (map.TryGet(Points, out var p))
            {
                throw new ConfigException(p.Where, $"{path}.{Points}", "not allowed with values (the list gives the points)");
            }
            return body is ConfigList
                ? Expand(key, body)
                : throw new ConfigException(body.Where, $"{path}.{Values}", "must be a list of values");
        }
        bool log = present[0] == LogRange;
        if (body is not ConfigList { Items: [ConfigScalar a, ConfigScalar b] })
        {
            throw new ConfigException(body.Where, $"{path}.{present[0]}", "must be two numbers [lo, hi]");
        }
        double lo = Number(a, $"{path}.{present[0]}[0]");
        double hi = Number(b, $"{path}.{present[0]}[1]");
        if (log && (lo <= 0 || hi <= 0))
        {
            throw new ConfigException(body.Where, $"{path}.{present[0]}", "both ends of a log range must be > 0");
        }
        if (!map.TryGet(Points, out var pointsNode))
        {
            throw new ConfigException(map.Where, $"{path}.{Points}", "missing; how many values to take from the range (>= 2)");
        }
        if (pointsNode is not ConfigScalar { Value: { } pt } || !int.TryParse(pt, NumberStyles.None, CultureInfo.InvariantCulture, out int n) || n < 2)
        {
            throw new ConfigException(pointsNode.Where, $"{path}.{Points}", "must be a whole number >= 2 (for one value, use a list)");
        }
        var values = new List<ConfigNode>(n);
        for (int i = 0; i < n; i++)
        {
            values.Add(new ConfigScalar(body.Source, body.Line, Format(Point(lo, hi, i, n, log))));
        }
        return values;
    }

    /// <summary>The i-th of n evenly spaced values (in log space for log ranges).</summary>
    public static double Point(double lo, double hi, int i, int n, bool log)
    {
        if (i == 0)
        {
            return lo;
        }
        if (i == n - 1)
        {
            return hi;
        }
        double t = (double)i / (n - 1);
        double v = log ? Math.Pow(10, Math.Log10(lo) + t * (Math.Log10(hi) - Math.Log10(lo))) : lo + t * (hi - lo);
        // 12 significant digits: decade points of a log range come out as 0.001, not 0.0010000000000000002.
        return double.Parse(v.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>Shortest text that reads back as exactly this double (0.001, 1e-05), the same style for every point.</summary>
    public static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e", StringComparison.Ordinal);

    private static double Number(ConfigScalar s, string path) =>
        s.Value is { } t && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d)
            ? d
            : throw new ConfigException(s.Where, path, $"'{s.Value}' is not a finite number");
}
