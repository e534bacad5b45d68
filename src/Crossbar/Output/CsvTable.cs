using System.Globalization;
using System.Text;

namespace Crossbar.Output;

/// <summary>A small tidy table (header + rows) written as RFC 4180 CSV that pandas and R read as is.</summary>
public sealed class CsvTable(params string[] columns)
{
    private readonly List<string[]> _rows = [];

    public IReadOnlyList<string> Columns { get; } = columns;

    public int RowCount => _rows.Count;

    public void Add(params object?[] values)
    {
        if (values.Length != Columns.Count)
        {
            throw new ArgumentException($"row has {values.Length} values for {Columns.Count} columns");
        }
        _rows.Add([.. values.Select(Format)]);
    }

    public static string Format(object? v) => v switch
    {
        null => "",
        double d when double.IsNaN(d) => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Join(',', Columns.Select(Escape)));
        foreach (var row in _rows)
        {
            sb.AppendLine(string.Join(',', row.Select(Escape)));
        }
        return sb.ToString();
    }

    public void Save(string path) => AtomicFile.WriteAllText(path, ToString());

    private static string Escape(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
