using System.Globalization;

namespace Crossbar.Devices;

/// <summary>
/// CSV format of jump tables. One line per point of a CDF row:
/// <code>
/// # comment lines start with '#'
/// direction,g,dg,cdf
/// set,0.0078125,-0.002,0
/// set,0.0078125,0.001,0.4
/// ...
/// </code>
/// <list type="bullet">
/// <item><c>direction</c>: <c>set</c> (potentiation) or <c>reset</c> (depression).</item>
/// <item><c>g</c>: centre conductance of the bin, in the device's conductance units. Bin centres must be evenly spaced
/// and the same for both directions (at least two bins); the table covers [first − w/2, last + w/2].</item>
/// <item><c>dg</c>: conductance change of one pulse; strictly increasing within a bin.</item>
/// <item><c>cdf</c>: P(ΔG ≤ dg), in [0, 1], non-decreasing within a bin, and exactly 1 (±1e-6) at the bin's last point.
/// The CDF is linear between points; a non-zero value at the first point is a point mass there.</item>
/// </list>
/// Columns may appear in any order; extra columns are ignored. Lines of one bin must be consecutive, bins in
/// increasing g. Errors name the file, the line and the column.
/// </summary>
public static class JumpTableCsv
{
    public static readonly string[] Columns = ["direction", "g", "dg", "cdf"];

    public static JumpTable Read(string path, int quantiles) =>
        Parse(File.Exists(path) ? File.ReadAllLines(path) : throw new CrossbarException($"{path}: jump-table file not found"),
              path, quantiles);

    public static JumpTable Parse(IReadOnlyList<string> lines, string source, int quantiles)
    {
        int[]? col = null;
        var rows = new Dictionary<string, List<(double G, int Line, List<double> Dg, List<double> Cdf)>>
        {
            ["set"] = [],
            ["reset"] = [],
        };
        for (int n = 0; n < lines.Count; n++)
        {
            string line = lines[n].Trim();
            int lineNo = n + 1;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            string[] cells = line.Split(',');
            if (col is null)
            {
                var names = cells.Select(c => c.Trim().ToLowerInvariant()).ToList();
                col = new int[Columns.Length];
                for (int c = 0; c < Columns.Length; c++)
                {
                    col[c] = names.IndexOf(Columns[c]);
                    if (col[c] < 0)
                    {
                        throw Error(source, lineNo, Columns[c], $"missing column '{Columns[c]}' in the header (required: {string.Join(", ", Columns)})");
                    }
                }
                continue;
            }
            string Cell(int c)
            {
                int i = col[c];
                if (i >= cells.Length)
                {
                    throw Error(source, lineNo, Columns[c], $"missing value for column '{Columns[c]}'");
                }
                return cells[i].Trim();
            }
            double Number(int c)
            {
                string s = Cell(c);
                if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                {
                    throw Error(source, lineNo, Columns[c], $"'{s}' is not a finite number");
                }
                return v;
            }
            string dir = Cell(0).ToLowerInvariant();
            if (!rows.TryGetValue(dir, out var list))
            {
                throw Error(source, lineNo, "direction", $"'{dir}' is not allowed; must be set or reset");
            }
            double g = Number(1), dg = Number(2), cdf = Number(3);
            if (cdf < 0 || cdf > 1 + 1e-6)
            {
                throw Error(source, lineNo, "cdf", $"{cdf} is outside [0, 1]");
            }
            if (list.Count == 0 || list[^1].G != g)
            {
                if (list.Count > 0)
                {
                    CheckRowEnd(source, dir, list[^1]);
                    if (g <= list[^1].G)
                    {
                        throw Error(source, lineNo, "g", $"bins must be listed in increasing g ({g} after {list[^1].G}) with each bin's lines together");
                    }
                }
                list.Add((g, lineNo, [], []));
            }
            var row = list[^1];
            if (row.Dg.Count > 0 && dg <= row.Dg[^1])
            {
                throw Error(source, lineNo, "dg", $"dg must increase within a bin ({dir}, g = {g}): {dg} after {row.Dg[^1]}");
            }
            if (row.Cdf.Count > 0 && cdf < row.Cdf[^1])
            {
                throw Error(source, lineNo, "cdf", $"CDF of bin ({dir}, g = {g}) is not monotone: {cdf} after {row.Cdf[^1]}");
            }
            row.Dg.Add(dg);
            row.Cdf.Add(Math.Min(cdf, 1.0));
        }
        if (col is null)
        {
            throw Error(source, 1, "direction", $"no header line (required columns: {string.Join(", ", Columns)})");
        }
        foreach (var (dir, list) in rows)
        {
            if (list.Count < 2)
            {
                throw new CrossbarException($"{source}: direction '{dir}' needs at least two g bins, found {list.Count}");
            }
            CheckRowEnd(source, dir, list[^1]);
        }
        var set = rows["set"];
        var reset = rows["reset"];
        if (set.Count != reset.Count || set.Zip(reset).Any(p => Math.Abs(p.First.G - p.Second.G) > 1e-9 * Math.Max(1, Math.Abs(p.First.G))))
        {
            throw new CrossbarException($"{source}: column 'g': set and reset rows must use the same bin centres");
        }
        double width = (set[^1].G - set[0].G) / (set.Count - 1);
        for (int b = 1; b < set.Count; b++)
        {
            double expected = set[0].G + b * width;
            if (Math.Abs(set[b].G - expected) > 1e-3 * width)
            {
                throw Error(source, set[b].Line, "g", $"bin centres must be evenly spaced (expected {expected:G6}, found {set[b].G:G6})");
            }
        }
        return JumpTable.FromCdfRows(
            Path.GetFileName(source), set[0].G - width / 2, set[^1].G + width / 2, quantiles,
            set.Select(r => (r.Dg.ToArray(), r.Cdf.ToArray())).ToList(),
            reset.Select(r => (r.Dg.ToArray(), r.Cdf.ToArray())).ToList());
    }

    private static void CheckRowEnd(string source, string dir, (double G, int Line, List<double> Dg, List<double> Cdf) row)
    {
        if (Math.Abs(row.Cdf[^1] - 1.0) > 1e-6)
        {
            throw Error(source, row.Line, "cdf", $"CDF of bin ({dir}, g = {row.G}) must end at 1, ends at {row.Cdf[^1]}");
        }
    }

    private static CrossbarException Error(string source, int line, string column, string problem) =>
        new($"{source}:{line}: column '{column}': {problem}");

    /// <summary>Writes a table in this format with up to <paramref name="points"/> + 1 points per bin.</summary>
    public static void Write(JumpTable table, TextWriter w, int points = 256)
    {
        var inv = CultureInfo.InvariantCulture;
        w.WriteLine($"# Crossbar jump table: {table.Label}");
        w.WriteLine("# direction: set|reset; g: bin centre; dg: conductance change of one pulse; cdf: P(dG <= dg)");
        w.WriteLine("direction,g,dg,cdf");
        int stepK = Math.Max(1, table.Quantiles / Math.Max(1, points));
        var dgs = new List<double>();
        var cdfs = new List<double>();
        foreach (bool set in new[] { true, false })
        {
            for (int b = 0; b < table.Bins; b++)
            {
                dgs.Clear();
                cdfs.Clear();
                for (int k = 0; ; k = Math.Min(k + stepK, table.Quantiles))
                {
                    double dg = table.Quantile(set, b, k);
                    double cdf = (double)k / table.Quantiles;
                    if (dgs.Count > 0 && dg <= dgs[^1])
                    {
                        cdfs[^1] = cdf; // flat stretch of the inverse CDF = point mass: one point, larger CDF
                    }
                    else
                    {
                        dgs.Add(dg);
                        cdfs.Add(cdf);
                    }
                    if (k == table.Quantiles)
                    {
                        break;
                    }
                }
                string g = table.BinCenter(b).ToString("R", inv);
                for (int i = 0; i < dgs.Count; i++)
                {
                    w.Write(set ? "set," : "reset,");
                    w.Write(g);
                    w.Write(',');
                    w.Write(dgs[i].ToString("R", inv));
                    w.Write(',');
                    w.WriteLine(cdfs[i].ToString("R", inv));
                }
            }
        }
    }
}
