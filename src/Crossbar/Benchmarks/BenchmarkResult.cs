namespace Crossbar.Benchmarks;

/// <summary>One measured throughput figure.</summary>
public sealed record BenchmarkResult(string Name, string Unit, double PerSecond, long Operations, double Seconds, string Details);
