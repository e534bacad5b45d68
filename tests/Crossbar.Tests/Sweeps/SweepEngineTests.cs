using System.Globalization;
using Crossbar.Config;
using Crossbar.Data;
using Crossbar.Sweeps;

namespace Crossbar.Tests.Sweeps;

public class SweepEngineTests
{
    private static SweepOutcome Run(SweepPlan plan, string dir, FakeRunner runner, int parallel = 1, CancellationToken cancel = default,
                                    ShardSpec? shard = null) =>
        SweepEngine.Run(plan, new SweepOptions { OutputDir = dir, Parallel = parallel, Shard = shard ?? ShardSpec.All }, runner.Run, cancel: cancel);

    private static string[][] ReadCsv(string path) =>
        [.. File.ReadAllLines(path).Select(l => l.Split(','))];

    [Fact]
    public void Runs_every_point_and_writes_markers_and_tidy_results()
    {
        using var kit = new SweepTestKit();
        var plan = SweepTestKit.Plan();
        var runner = new FakeRunner();
        var outcome = Run(plan, kit.Dir("out"), runner, parallel: 2);

        Assert.Equal((12, 12, 0, 12), (outcome.Total, outcome.InShard, outcome.AlreadyDone, outcome.Ran));
        Assert.Equal(12, runner.Calls);
        foreach (var p in plan.Points)
        {
            Assert.True(File.Exists(Path.Combine(kit.Dir("out"), "points", p.Id, PointMarker.FileName)));
            Assert.True(File.Exists(Path.Combine(kit.Dir("out"), "points", p.Id, "config.txt")));
        }
        var rows = ReadCsv(outcome.ResultsFile);
        Assert.Equal(["training.learning_rate", "network.layers", "seed", "test_accuracy", "best_test_accuracy", "examples", "wall_seconds", "point_id"], rows[0]);
        Assert.Equal(13, rows.Length);
        Assert.Equal(["0.001", "784-200-10", "10"], rows[1][..3]);
        Assert.Equal(["0.1", "784-300-100-10", "11"], rows[12][..3]);
        Assert.All(rows.Skip(1), r => Assert.Equal(rows[0].Length, r.Length));
        Assert.All(rows.Skip(1), r => double.Parse(r[3], CultureInfo.InvariantCulture));
        Assert.Equal(plan.Points.Select(p => p.Id), rows.Skip(1).Select(r => r[^1]));
        Assert.True(File.Exists(Path.Combine(kit.Dir("out"), SweepManifest.FileName)));
    }

    [Fact]
    public void Aggregate_has_n_mean_min_max_std_per_grid_combination()
    {
        using var kit = new SweepTestKit();
        var plan = SweepTestKit.Plan();
        var outcome = Run(plan, kit.Dir("out"), new FakeRunner());
        var rows = ReadCsv(outcome.AggregateFile);
        Assert.Equal(["training.learning_rate", "network.layers", "n", "test_accuracy_mean", "test_accuracy_min", "test_accuracy_max", "test_accuracy_std"], rows[0][..7]);
        Assert.Equal(7, rows.Length);
        var results = ReadCsv(outcome.ResultsFile);
        var accs = results.Skip(1).Take(2).Select(r => double.Parse(r[3], CultureInfo.InvariantCulture)).ToList();
        var first = rows[1];
        Assert.Equal("2", first[2]);
        Assert.Equal(accs.Average(), double.Parse(first[3], CultureInfo.InvariantCulture), 12);
        Assert.Equal(accs.Min(), double.Parse(first[4], CultureInfo.InvariantCulture));
        Assert.Equal(accs.Max(), double.Parse(first[5], CultureInfo.InvariantCulture));
        Assert.Equal(Math.Abs(accs[0] - accs[1]) / Math.Sqrt(2), double.Parse(first[6], CultureInfo.InvariantCulture), 12);
        int wallStd = Array.IndexOf(rows[0], "wall_seconds_std");
        Assert.Equal("0", rows[1][wallStd]);
    }

    [Fact]
    public void A_finished_sweep_reruns_nothing()
    {
        using var kit = new SweepTestKit();
        var plan = SweepTestKit.Plan();
        Run(plan, kit.Dir("out"), new FakeRunner());
        string before = File.ReadAllText(Path.Combine(kit.Dir("out"), SweepResults.ResultsFile));
        var again = new FakeRunner();
        var outcome = Run(plan, kit.Dir("out"), again);
        Assert.Equal(0, again.Calls);
        Assert.Equal((12, 0), (outcome.AlreadyDone, outcome.Ran));
        Assert.Equal(before, File.ReadAllText(outcome.ResultsFile));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_crashed_sweep_resumes_with_only_the_unfinished_points(int parallel)
    {
        using var kit = new SweepTestKit();
        var plan = SweepTestKit.Plan();
        Run(plan, kit.Dir("whole"), new FakeRunner());

        var crashing = new FakeRunner { FailOnCall = 5 };
        var e = Assert.Throws<IOException>(() => Run(plan, kit.Dir("out"), crashing, parallel));
        Assert.Contains("simulated crash", e.Message);
        var finished = SweepEngine.LoadMarkers(plan, kit.Dir("out"));
        Assert.InRange(finished.Count, 4, parallel == 1 ? 4 : 11); // with 2 threads the other one may finish a few more
        // The crashed point left a folder without a marker; results.csv already holds the finished points.
        Assert.Equal(finished.Count + 1, File.ReadAllLines(Path.Combine(kit.Dir("out"), SweepResults.ResultsFile)).Length);

        var resumed = new FakeRunner();
        var outcome = Run(plan, kit.Dir("out"), resumed, parallel);
        Assert.Equal(12 - finished.Count, resumed.Calls);
        Assert.Empty(resumed.Ran.Intersect(finished.Keys));
        Assert.Equal(finished.Count, outcome.AlreadyDone);
        Assert.All(Directory.EnumerateFiles(Path.Combine(kit.Dir("out"), "points"), "half-written.csv", SearchOption.AllDirectories), f => Assert.Fail($"left over: {f}"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(kit.Dir("whole"), SweepResults.ResultsFile)), File.ReadAllBytes(outcome.ResultsFile));
        Assert.Equal(File.ReadAllBytes(Path.Combine(kit.Dir("whole"), SweepResults.AggregateFile)), File.ReadAllBytes(outcome.AggregateFile));
    }

    [Fact]
    public void A_cancelled_sweep_resumes_with_only_the_unfinished_points()
    {
        using var kit = new SweepTestKit();
        var plan = SweepTestKit.Plan();
        Run(plan, kit.Dir("whole"), new FakeRunner());

        using var cts = new CancellationTokenSource();
        var first = new FakeRunner { CancelAfter = (cts, 3) };
        Assert.ThrowsAny<OperationCanceledException>(() => Run(plan, kit.Dir("out"), first, cancel: cts.Token));
        Assert.Equal(3, first.Calls);
        Assert.Equal(3, SweepEngine.LoadMarkers(plan, kit.Dir("out")).Count);

        var second = new FakeRunner();
        var outcome = Run(plan, kit.Dir("out"), second);
        Assert.Equal(9, second.Calls);
        Assert.Empty(second.Ran.Intersect(first.Ran));
        Assert.Equal(File.ReadAllBytes(Path.Combine(kit.Dir("whole"), SweepResults.ResultsFile)), File.ReadAllBytes(outcome.ResultsFile));
    }

    [Fact]
    public void A_partial_point_folder_is_cleared_and_run_again()
    {
        using var kit = new SweepTestKit();
        var plan = SweepTestKit.Plan();
        string dir = SweepEngine.PointDir(kit.Dir("out"), plan.Points[4]);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "metrics.csv"), "truncated");
        var runner = new FakeRunner();
        Run(plan, kit.Dir("out"), runner);
        Assert.Equal(12, runner.Calls);
        Assert.False(File.Exists(Path.Combine(dir, "metrics.csv")));
        Assert.True(File.Exists(Path.Combine(dir, PointMarker.FileName)));
    }

    [Fact]
    public void Parallelism_does_not_change_the_results()
    {
        using var kit = new SweepTestKit();
        var plan = SweepTestKit.Plan();
        var one = Run(plan, kit.Dir("p1"), new FakeRunner(), parallel: 1);
        var two = Run(plan, kit.Dir("p2"), new FakeRunner(), parallel: 2);
        var four = Run(plan, kit.Dir("p4"), new FakeRunner(), parallel: 4);
        Assert.Equal(File.ReadAllBytes(one.ResultsFile), File.ReadAllBytes(two.ResultsFile));
        Assert.Equal(File.ReadAllBytes(one.ResultsFile), File.ReadAllBytes(four.ResultsFile));
        Assert.Equal(File.ReadAllBytes(one.AggregateFile), File.ReadAllBytes(two.AggregateFile));
    }

    [Fact]
    public void Results_of_a_changed_experiment_are_not_reused()
    {
        using var kit = new SweepTestKit();
        Run(SweepTestKit.Plan(), kit.Dir("out"), new FakeRunner());
        var changed = SweepTestKit.Plan(overrides: ["training.epochs=2"]);
        var runner = new FakeRunner();
        var e = Assert.Throws<CrossbarException>(() => Run(changed, kit.Dir("out"), runner));
        Assert.Contains("different configuration", e.Message);
        Assert.Equal(0, runner.Calls);
    }

    [Fact]
    public void Extending_the_grid_runs_only_the_new_points()
    {
        using var kit = new SweepTestKit();
        Run(SweepTestKit.Plan(), kit.Dir("out"), new FakeRunner());
        var bigger = SweepTestKit.Plan(SweepTestKit.TwoKeys.Replace("[[784, 200, 10], [784, 300, 100, 10]]", "[[784, 200, 10], [784, 300, 100, 10], [784, 10]]"));
        var runner = new FakeRunner();
        var outcome = Run(bigger, kit.Dir("out"), runner);
        Assert.Equal(6, runner.Calls);
        Assert.Equal(19, File.ReadAllLines(outcome.ResultsFile).Length);
    }

    [Fact]
    public void Runner_user_errors_name_the_point()
    {
        using var kit = new SweepTestKit();
        var plan = SweepTestKit.Plan();
        var e = Assert.Throws<CrossbarException>(() => SweepEngine.Run(plan, new SweepOptions { OutputDir = kit.Dir("out"), Parallel = 1 },
            (_, _) => throw new CrossbarException("data folder not found")));
        Assert.Contains(plan.Points[0].Id, e.Message);
        Assert.Contains("data folder not found", e.Message);
    }

    [Fact]
    public void Data_is_loaded_once_per_equal_data_section_and_seed()
    {
        var split = new DataSplit(new Dataset("t", new float[4], new byte[2], 2), new Dataset("t", new float[2], new byte[1], 2), "tiny");
        var cache = new DatasetCache((_, _, _) =>
        {
            Thread.Sleep(20);
            return split;
        });
        var a = new DataConfig { TrainCount = 100 };
        var b = new DataConfig { TrainCount = 100 };
        Parallel.For(0, 16, i => Assert.Same(split, cache.Load(i % 2 == 0 ? a : b, null, 1)));
        Assert.Equal(1, cache.Loads);
        cache.Load(new DataConfig { TrainCount = 200 }, null, 1);
        cache.Load(a, null, 2);
        Assert.Equal(3, cache.Loads);
    }

    [Fact]
    public void A_second_sweep_into_the_same_folder_is_refused_while_one_runs()
    {
        using var kit = new SweepTestKit();
        using (SweepLock.Acquire(kit.Dir("out")))
        {
            var e = Assert.Throws<CrossbarException>(() => Run(SweepTestKit.Plan(), kit.Dir("out"), new FakeRunner()));
            Assert.Contains("another sweep", e.Message);
        }
        Run(SweepTestKit.Plan(), kit.Dir("out"), new FakeRunner());
    }
}
