using Crossbar.Plotting;

namespace Crossbar.Experiments.Reproduce;

/// <summary>
/// A paper figure that <c>crossbar reproduce ID</c> re-creates: the sweeps it runs, its reduced <c>--quick</c> variant,
/// the numbers the paper states, and the layout of its plot.
/// </summary>
public sealed record ReproduceFigure
{
    /// <summary>e.g. <c>lim-fig8</c>.</summary>
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>Paper and place, e.g. <c>002 (Lim et al.) §3.1, Fig. 8</c>.</summary>
    public required string Paper { get; init; }

    /// <summary>Folder under <c>experiments/</c> (the paper's short name).</summary>
    public required string ShortName { get; init; }

    public required IReadOnlyList<FigureSweep> Sweeps { get; init; }

    /// <summary>Overrides (<c>--set</c>) of every sweep's base experiment for <c>--quick</c>: a data subset, fewer evaluations.</summary>
    public required IReadOnlyList<string> QuickOverrides { get; init; }

    public required IReadOnlyList<PaperValue> PaperValues { get; init; }

    /// <summary>What the paper's error bars are, and what ours are.</summary>
    public required string ErrorBars { get; init; }

    public required string XLabel { get; init; }

    public AxisScale XAxis { get; init; } = AxisScale.Linear;

    /// <summary>
    /// Draws the figure instead of <see cref="ReproducePlot.Build"/> where the paper's layout is not accuracy against one
    /// x (panels per case, CDFs read from the runs' files: 000 Figs. 5, 9–12, 15, 19, 20); arguments: the figure, our
    /// points, whether the run is <c>--quick</c>. Null = the standard plot.
    /// </summary>
    public Func<ReproduceFigure, IReadOnlyList<MeasuredPoint>, bool, IPlotDocument>? CustomPlot { get; init; }
    /// <summary>x-axis ticks; null = the swept values (fine unless they are many or not round, e.g. 3,600 s and 86,400 s).</summary>
    public IReadOnlyList<double>? XTicks { get; init; }

    /// <summary>Short x name for tables (e.g. β).</summary>
    public required string XName { get; init; }

    /// <summary>Default output folder of a full run.</summary>
    public string FullOutputDir => Path.Combine("experiments", ShortName, $"reproduce-{Id}");

    /// <summary>Default output folder of a <c>--quick</c> run.</summary>
    public string QuickOutputDir => Path.Combine("runs", "reproduce", $"{Id}-quick");
}
