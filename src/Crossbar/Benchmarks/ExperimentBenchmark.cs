using Crossbar.Numerics;

namespace Crossbar.Benchmarks;

/// <summary>
/// The timed passes of one experiment benchmark, in order, and the CPU time the hypervisor stole while they ran
/// (null where the host does not report it).
/// </summary>
public sealed record ExperimentBenchmark(IReadOnlyList<BenchmarkResult> Passes, double? StealSeconds)
{
    /// <summary>The fastest pass: on a shared machine the least disturbed one.</summary>
    public BenchmarkResult Best => Passes.MaxBy(p => p.PerSecond)!;

    /// <summary>Median throughput of the passes (mean of the middle two for an even count).</summary>
    public double MedianPerSecond => Statistics.Median<double>([.. Passes.Select(p => p.PerSecond)]);
}
