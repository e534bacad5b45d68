using System.Globalization;

namespace Crossbar.Inference;

/// <summary>Reads the studies' summary CSVs back (for plotting, also from an earlier run's folder).</summary>
public sealed class SummaryCsv
{
    private readonly Dictionary<string, int> _columns;

    private SummaryCsv(string[] header, List<string[]> rows)
    {
        _columns = header.Select((h, i) => (h, i)).ToDictionary(p => p.h, p => p.i);
        Rows = rows;
    }

    public IReadOnlyList<string[]> Rows { get; }

    public static SummaryCsv? TryRead(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0)
        {
            return null;
        }
        return new SummaryCsv(lines[0].Split(','), [.. lines.Skip(1).Select(l => l.Split(','))]);
    }

    public string Text(string[] row, string column) => row[_columns[column]];

    public double Number(string[] row, string column) =>
        double.TryParse(Text(row, column), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;
}
