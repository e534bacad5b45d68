using System.Text.Json.Nodes;
using Crossbar.Sweeps;
using FsCheck;
using FsCheck.Fluent;

namespace Crossbar.Tests.Sweeps;

public class SweepShardTests
{
    private static SweepOutcome Run(SweepPlan plan, string dir, ShardSpec shard) =>
        SweepEngine.Run(plan, new SweepOptions { OutputDir = dir, Parallel = 2, Shard = shard }, new FakeRunner().Run);

    [Fact]
    public void Three_shards_merged_equal_the_unsharded_sweep()
    {
        using var kit = new SweepTestKit();
        var plan = SweepTestKit.Plan();
        var whole = Run(plan, kit.Dir("whole"), ShardSpec.All);
        var parts = new List<string>();
        for (int i = 1; i <= 3; i++)
        {
            var outcome = Run(plan, kit.Dir($"part{i}"), new ShardSpec(i, 3));
            Assert.Equal(4, outcome.Ran);
            parts.Add(kit.Dir($"part{i}"));
        }
        var merged = SweepMerge.Merge(kit.Dir("merged"), parts);
        Assert.Equal((12, 12, 12), (merged.Total, merged.Done, merged.Copied));
        Assert.Empty(merged.Missing);
        Assert.Equal(File.ReadAllBytes(whole.ResultsFile), File.ReadAllBytes(Path.Combine(kit.Dir("merged"), SweepResults.ResultsFile)));
        Assert.Equal(File.ReadAllBytes(whole.AggregateFile), File.ReadAllBytes(Path.Combine(kit.Dir("merged"), SweepResults.AggregateFile)));

        // The merged folder is a complete sweep: running it again runs nothing.
        var runner = new FakeRunner();
        var again = SweepEngine.Run(plan, new SweepOptions { OutputDir = kit.Dir("merged") }, runner.Run);
        Assert.Equal(0, runner.Calls);
        Assert.Equal(12, again.AlreadyDone);
    }

    [Fact]
    public void Merging_into_a_part_and_merging_twice_are_fine()
    {
        using var kit = new SweepTestKit();
        var plan = SweepTestKit.Plan();
        var whole = Run(plan, kit.Dir("whole"), ShardSpec.All);
        Run(plan, kit.Dir("a"), new ShardSpec(1, 2));
        var partial = SweepMerge.Merge(kit.Dir("a"), [kit.Dir("a")]);
        Assert.Equal(6, partial.Missing.Count);
        Run(plan, kit.Dir("b"), new ShardSpec(2, 2));
        SweepMerge.Merge(kit.Dir("a"), [kit.Dir("a"), kit.Dir("b")]);
        var twice = SweepMerge.Merge(kit.Dir("a"), [kit.Dir("b")]);
        Assert.Equal(0, twice.Copied);
        Assert.Equal(File.ReadAllBytes(whole.ResultsFile), File.ReadAllBytes(Path.Combine(kit.Dir("a"), SweepResults.ResultsFile)));
    }

    [Fact]
    public void Conflicting_markers_for_one_point_stop_the_merge()
    {
        using var kit = new SweepTestKit();
        var plan = SweepTestKit.Plan();
        Run(plan, kit.Dir("a"), ShardSpec.All);
        Run(plan, kit.Dir("b"), ShardSpec.All);
        // Timings may differ between two runs of a point ...
        string marker = Path.Combine(kit.Dir("b"), "points", plan.Points[3].Id, PointMarker.FileName);
        var json = JsonNode.Parse(File.ReadAllText(marker))!;
        json["summary"]!["wall_seconds"] = 99.0;
        File.WriteAllText(marker, json.ToJsonString());
        SweepMerge.Merge(kit.Dir("m1"), [kit.Dir("a"), kit.Dir("b")]);
        // ... results may not.
        json["summary"]!["test_accuracy"] = 0.5;
        File.WriteAllText(marker, json.ToJsonString());
        var e = Assert.Throws<CrossbarException>(() => SweepMerge.Merge(kit.Dir("m2"), [kit.Dir("a"), kit.Dir("b")]));
        Assert.Contains("conflicting results", e.Message);
        Assert.Contains(plan.Points[3].Id, e.Message);
    }

    [Fact]
    public void Parts_of_different_sweeps_are_not_merged()
    {
        using var kit = new SweepTestKit();
        Run(SweepTestKit.Plan(), kit.Dir("a"), new ShardSpec(1, 2));
        Run(SweepTestKit.Plan(overrides: ["training.epochs=2"]), kit.Dir("b"), new ShardSpec(2, 2));
        var e = Assert.Throws<CrossbarException>(() => SweepMerge.Merge(kit.Dir("m"), [kit.Dir("a"), kit.Dir("b")]));
        Assert.Contains("only shards of one sweep", e.Message);
        Assert.Throws<CrossbarException>(() => SweepMerge.Merge(kit.Dir("m"), [kit.Dir("nothing")]));
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("x")]
    [InlineData("1/0")]
    [InlineData("1/3/4")]
    [InlineData("-1/3")]
    [InlineData("")]
    public void Bad_shard_syntax_is_a_user_error(string text)
    {
        var e = Assert.Throws<CrossbarException>(() => ShardSpec.Parse(text));
        Assert.Contains("--shard", e.Message);
    }

    [Fact]
    public void Shards_are_disjoint_and_cover_every_point()
    {
        Prop.ForAll(Gen.Choose(1, 12).ToArbitrary(), Gen.Choose(0, 200).ToArbitrary(), (n, points) =>
        {
            var owners = Enumerable.Range(0, points).Select(p => Enumerable.Range(1, n).Count(i => ShardSpec.Parse($"{i}/{n}").Contains(p)));
            return owners.All(c => c == 1);
        }).CheckFixed();
    }
}
