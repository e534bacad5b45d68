namespace Crossbar.Sweeps;

/// <summary>What a sweep (or one shard of it) did.</summary>
/// <param name="OutputDir">Where points/, results.csv and aggregate.csv are.</param>
/// <param name="Total">Points in the whole sweep.</param>
/// <param name="InShard">Points this shard is responsible for.</param>
/// <param name="AlreadyDone">Points of this shard that had a marker before the run (resumed or finished earlier).</param>
/// <param name="Ran">Points run now.</param>
public sealed record SweepOutcome(string OutputDir, int Total, int InShard, int AlreadyDone, int Ran)
{
    public string ResultsFile => Path.Combine(OutputDir, SweepResults.ResultsFile);

    public string AggregateFile => Path.Combine(OutputDir, SweepResults.AggregateFile);
}
