namespace Crossbar.Experiments.Reproduce;

/// <summary>One point of our figure, over the seeds that finished; accuracies in percent.</summary>
/// <param name="Series">Curve name.</param>
/// <param name="X">x value (NaN for a reference drawn across the axis).</param>
/// <param name="XText">The swept value as written in results.csv.</param>
/// <param name="Accuracy">Mean final test accuracy (full test set).</param>
/// <param name="Low">Lowest fluctuation-band accuracy over the seeds.</param>
/// <param name="High">Highest fluctuation-band accuracy over the seeds.</param>
/// <param name="Seeds">Runs averaged.</param>
/// <param name="WallSeconds">Sum of the runs' wall times.</param>
/// <param name="Panel">The panel it is drawn in (<see cref="FigureSweep.PanelKey"/>); "" in a one-panel figure.</param>
public sealed record MeasuredPoint(string Series, double X, string XText, double Accuracy, double Low, double High, int Seeds, double WallSeconds,
                                   string Panel = "")
{
    public bool IsReference => double.IsNaN(X);

    /// <summary>Every summary metric averaged over the seeds, as in results.csv (fractions, not percent), for plots beyond accuracy.</summary>
    public IReadOnlyDictionary<string, double> Means { get; init; } = new Dictionary<string, double>();

    /// <summary>The run folders of the seeds (<c>points/&lt;id&gt;/</c>), for plots drawn from per-run files (CDFs of gains or Safety Margins).</summary>
    public IReadOnlyList<string> RunDirs { get; init; } = [];

    /// <summary>Series and panel, for tables (e.g. <c>method b (β = 2)</c>).</summary>
    public string Label => Panel.Length == 0 ? Series : $"{Series} ({Panel})";
}
