using System.Globalization;

namespace Crossbar.Experiments.Reproduce;

/// <summary>One sweep of a figure and how its points become curves.</summary>
public sealed record FigureSweep
{
    /// <summary>The sweep file, relative to the repository root (e.g. <c>experiments/lim-adaptive-rule/fig8.yaml</c>).</summary>
    public required string File { get; init; }

    /// <summary>The swept key on the x axis; null for a reference drawn across the whole axis (one point per series).</summary>
    public string? XKey { get; init; }

    /// <summary>
    /// A summary metric (a results.csv column, e.g. <c>set_energy_joules</c>) to put on the x axis instead of
    /// <see cref="XKey"/>, averaged over seeds (000 Fig. 20: accuracy vs energy); null = the swept key.
    /// </summary>
    public string? XColumn { get; init; }

    /// <summary>The swept key that separates curves; null for a single curve.</summary>
    public string? SeriesKey { get; init; }

    /// <summary>Curve name; <c>{0}</c> becomes the series key's value (e.g. <c>method {0}</c>).</summary>
    public required string SeriesFormat { get; init; }

    /// <summary>Turns the x key's value (as in results.csv) into a number; default: the value itself.</summary>
    public Func<string, double> ParseX { get; init; } = s => double.Parse(s, CultureInfo.InvariantCulture);

    public string SeriesName(string? value) => string.Format(CultureInfo.InvariantCulture, SeriesFormat, value ?? "");

    /// <summary>Hidden layers of a <c>784-200-10</c> layer list (002 Fig. 12's x axis).</summary>
    public static double HiddenLayers(string layers) => layers.Split('-').Length - 2;
}
