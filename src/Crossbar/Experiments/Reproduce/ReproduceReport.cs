using System.Globalization;
using System.Text;
using Crossbar.Output;

namespace Crossbar.Experiments.Reproduce;

/// <summary>
/// <c>REPORT.md</c> of a reproduced figure: the paper's stated numbers beside ours with the difference, all our points,
/// and an explanations section below <see cref="Marker"/> that is kept, word for word, when the report is rewritten.
/// </summary>
public static class ReproduceReport
{
    public const string FileName = "REPORT.md";

    /// <summary>Everything after this line is hand-written and survives re-runs.</summary>
    public const string Marker = "<!-- explanations: hand-written below this line; crossbar reproduce keeps it when it rewrites the report -->";

    private const string Placeholder =
        "_To do: say why each difference larger than the paper's own spread (its error bars) arises, or that it is within it._\n";

    public static void Write(ReproduceFigure figure, ReproduceOutcome outcome, bool quick, IReadOnlyList<string> overrides)
    {
        string path = outcome.ReportFile;
        string kept = File.Exists(path) && File.ReadAllText(path) is var old && old.IndexOf(Marker, StringComparison.Ordinal) is >= 0 and var at
            ? old[(at + Marker.Length)..].TrimStart('\r', '\n')
            : Placeholder;
        AtomicFile.WriteAllText(path, Render(figure, outcome, quick, overrides) + kept);
    }

    public static string Render(ReproduceFigure figure, ReproduceOutcome outcome, bool quick, IReadOnlyList<string> overrides)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(c, $"# {figure.Title}{(quick ? " — quick variant" : "")}\n\n");
        sb.Append(c, $"Paper: {figure.Paper}. Command: `crossbar reproduce {figure.Id}{(quick ? " --quick" : "")}`");
        string settings = string.Join(", ", overrides.Select(o => $"`{o}`"));
        sb.Append(c, $" ({(quick ? "reduced: " + settings : overrides.Count > 0 ? "full run with " + settings
            : "full run; the sweep files' headers and the explanations below say where its protocol departs from the paper's")}).\n\n");
        sb.Append("Sweeps: ").Append(string.Join(", ", figure.Sweeps.Select(s => $"`{s.File}`").Distinct())).Append(c, $"; {outcome.Total} runs");
        // A run drawn twice (one sweep against two x columns) counts once.
        double wall = outcome.Points.DistinctBy(q => q.RunDirs.Count > 0 ? string.Join('|', q.RunDirs) : $"{q.Series}|{q.XText}").Sum(q => q.WallSeconds);
        sb.Append(c, $" ({wall:F0} s of run time in all; this invocation ran {outcome.Ran} of them in {outcome.ElapsedSeconds:F0} s).\n");
        sb.Append(c, $"Plot: `{figure.Id}.svg` / `{figure.Id}.png`. Tables of every run: `<sweep>/results.csv`, `<sweep>/aggregate.csv`.\n\n");
        sb.Append(c, $"Error bars: {figure.ErrorBars}.\n\n");

        sb.Append("## Paper vs ours\n\n");
        sb.Append(c, $"| series | {figure.XName} | paper (%) | ours (%) | ours, band (%) | ours − paper (pp) |\n");
        sb.Append("|---|---|---|---|---|---|\n");
        foreach (var v in figure.PaperValues)
        {
            var ours = v.Peak
                ? outcome.Points.Where(q => q.Series == v.Series && q.Panel == v.Panel && !q.IsReference).MaxBy(q => q.Accuracy)
                : outcome.Points.FirstOrDefault(q => q.Series == v.Series && q.Panel == v.Panel && (q.IsReference || Math.Abs(q.X - v.X) < 1e-9));
            string x = ours is { IsReference: false } ? (v.Peak ? "peak at " : "") + XText(ours) : v.Peak ? "peak" : double.IsNaN(v.X) ? "(all)" : v.X.ToString("G", c);
            sb.Append(ours is null
                ? $"| {v.Label} | {x} | {v.Accuracy.ToString("F2", c)} | not run | | |\n"
                : $"| {v.Label} | {x} | {v.Accuracy.ToString("F2", c)} | **{ours.Accuracy.ToString("F2", c)}** | " +
                  $"{ours.Low.ToString("F2", c)} – {ours.High.ToString("F2", c)} | {(ours.Accuracy - v.Accuracy).ToString("+0.00;−0.00;0.00", c)} |\n");
        }

        sb.Append("\n## All our points\n\n");
        sb.Append(c, $"| series | {figure.XName} | final test accuracy (%) | band (%) | runs | wall (s) |\n");
        sb.Append("|---|---|---|---|---|---|\n");
        foreach (var q in outcome.Points)
        {
            sb.Append(c, $"| {q.Label} | {(q.IsReference ? "(all)" : XText(q))} | {q.Accuracy.ToString("F2", c)} | ");
            sb.Append(c, $"{q.Low.ToString("F2", c)} – {q.High.ToString("F2", c)} | {q.Seeds} | {q.WallSeconds.ToString("F0", c)} |\n");
        }
        sb.Append("\n## Explanations\n\n").Append(Marker).Append('\n');
        return sb.ToString();
    }

    private static string XText(MeasuredPoint q) =>
        q.XText == q.X.ToString("G", CultureInfo.InvariantCulture) ? q.XText : $"{q.X.ToString("G", CultureInfo.InvariantCulture)} ({q.XText})";
}
