using System.Globalization;
using Crossbar.Sweeps;

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

    /// <summary>
    /// Curve name; <c>{0}</c> becomes the series key's value (e.g. <c>method {0}</c>), <c>{1}</c>, … the values of the
    /// <see cref="Table"/>'s series columns.
    /// </summary>
    public required string SeriesFormat { get; init; }

    /// <summary>The swept key that splits the figure into panels (002 Fig. 7 A–D, one per β); null = one panel.</summary>
    public string? PanelKey { get; init; }

    /// <summary>Panel name; <c>{0}</c> becomes the panel key's value (e.g. <c>β = {0}</c>).</summary>
    public string PanelFormat { get; init; } = "{0}";

    /// <summary>Runs one point; default a training run. <see cref="Crossbar.Inference.InferencePointRunner.Run"/> runs <c>crossbar infer</c>.</summary>
    public SweepRunner Runner { get; init; } = TrainingPointRunner.Run;

    /// <summary>Where each run gives many points (a curve) rather than one; null = one point per run from its summary.</summary>
    public PointTable? Table { get; init; }

    /// <summary>Turns the x key's value (as in results.csv) into a number; default: the value itself.</summary>
    public Func<string, double> ParseX { get; init; } = s => double.Parse(s, CultureInfo.InvariantCulture);

    public string SeriesName(string? value) => string.Format(CultureInfo.InvariantCulture, SeriesFormat, value ?? "");

    /// <summary>The panel of a finished run; "" without a <see cref="PanelKey"/>.</summary>
    public string PanelName(PointMarker marker) =>
        PanelKey is null ? "" : string.Format(CultureInfo.InvariantCulture, PanelFormat, marker.Compact(PanelKey));

    /// <summary>Curve name from the series key's value and the table's series columns.</summary>
    public string SeriesName(object?[] values) => string.Format(CultureInfo.InvariantCulture, SeriesFormat, values);

    /// <summary>Hidden layers of a <c>784-200-10</c> layer list (002 Fig. 12's x axis).</summary>
    public static double HiddenLayers(string layers) => layers.Split('-').Length - 2;
}
