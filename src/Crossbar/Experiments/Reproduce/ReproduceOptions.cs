using Crossbar.Training;

namespace Crossbar.Experiments.Reproduce;

/// <summary>How to run a figure.</summary>
public sealed record ReproduceOptions
{
    /// <summary>Reduced variant (<see cref="ReproduceFigure.QuickOverrides"/>), default output under runs/reproduce/.</summary>
    public bool Quick { get; init; }

    /// <summary>Output folder; null = <see cref="ReproduceFigure.FullOutputDir"/> or <see cref="ReproduceFigure.QuickOutputDir"/>.</summary>
    public string? OutputDir { get; init; }

    public string? DataFolder { get; init; }

    /// <summary>Points at once; null = the number of cores.</summary>
    public int? Parallel { get; init; }

    /// <summary>Extra overrides of every sweep's base experiment, after the quick ones.</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>Repository root the figures' sweep files are relative to; null = found from the working directory.</summary>
    public string? Root { get; init; }

    public IProgressSink? Progress { get; init; }
}
