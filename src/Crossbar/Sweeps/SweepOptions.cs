namespace Crossbar.Sweeps;

/// <summary>How to run a sweep plan; unset values fall back to the sweep file, then to defaults.</summary>
public sealed record SweepOptions
{
    /// <summary>Output folder; null = the file's output:, else runs/sweeps/&lt;name&gt;.</summary>
    public string? OutputDir { get; init; }

    /// <summary>Points at once; null = the file's parallel:, else the number of cores.</summary>
    public int? Parallel { get; init; }

    public ShardSpec Shard { get; init; } = ShardSpec.All;

    /// <summary>The --data folder handed to runners.</summary>
    public string? DataFolder { get; init; }

    /// <summary>Data shared between points; null = a new cache for this sweep.</summary>
    public DatasetCache? Data { get; init; }
}
