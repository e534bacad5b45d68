using Crossbar.Config;
using Crossbar.Sweeps;

namespace Crossbar.Tests.Sweeps;

public class SweepFileTests
{
    private static string Values(SweepPoint p, string key) => p.Assignments.Single(a => a.Key == key).Compact;

    [Fact]
    public void Grid_is_the_product_in_order_with_seeds_innermost()
    {
        var plan = SweepTestKit.Plan();
        Assert.Equal(3 * 2 * 2, plan.Points.Count);
        Assert.Equal(["training.learning_rate", "network.layers"], plan.Keys);
        Assert.Equal(Enumerable.Range(0, 12), plan.Points.Select(p => p.Index));
        var rows = plan.Points.Select(p => $"{Values(p, "training.learning_rate")}|{Values(p, "network.layers")}|{p.Seed}").ToList();
        Assert.Equal("0.001|784-200-10|10", rows[0]);
        Assert.Equal("0.001|784-200-10|11", rows[1]);
        Assert.Equal("0.001|784-300-100-10|10", rows[2]);
        Assert.Equal("0.01|784-200-10|10", rows[4]);
        Assert.Equal("0.1|784-300-100-10|11", rows[11]);
        Assert.Equal([784, 300, 100, 10], plan.Points[2].Config.Network.Layers);
        Assert.Equal(11UL, plan.Points[1].Config.Seed);
    }

    [Fact]
    public void Log_range_endpoints_are_exact_and_decades_are_clean()
    {
        var plan = SweepTestKit.Plan("""
            experiment: {name: x}
            grid:
              training.learning_rate: {log_range: [1e-4, 1e-1], points: 4}
            """);
        Assert.Equal([1e-4, 1e-3, 1e-2, 1e-1], plan.Points.Select(p => p.Config.Training.LearningRate));
        var seven = SweepTestKit.Plan("experiment: {name: x}\ngrid:\n  training.learning_rate: {log_range: [1e-4, 1e-1], points: 7}\n");
        var rates = seven.Points.Select(p => p.Config.Training.LearningRate).ToList();
        Assert.Equal(1e-4, rates[0]);
        Assert.Equal(1e-1, rates[^1]);
        Assert.Equal(1e-3, rates[2]);
        Assert.Equal(Math.Sqrt(10) * 1e-4, rates[1], 1e-15);
        Assert.All(rates.Zip(rates.Skip(1)), r => Assert.Equal(Math.Sqrt(10), r.Second / r.First, 1e-9));

        var odd = SweepTestKit.Plan("experiment: {name: x}\ngrid:\n  training.learning_rate: {log_range: [3.3e-5, 0.7], points: 5}\n");
        Assert.Equal(3.3e-5, odd.Points[0].Config.Training.LearningRate);
        Assert.Equal(0.7, odd.Points[^1].Config.Training.LearningRate);
        Assert.Equal("3.3e-05", odd.Points[0].Assignments[0].Compact);
    }

    [Fact]
    public void Range_and_values_generators()
    {
        var plan = SweepTestKit.Plan("""
            experiment: {name: x}
            grid:
              training.decay: {range: [0, 1], points: 5}
              training.batch_size: {values: [1, 10]}
            """);
        Assert.Equal([0, 0, 0.25, 0.25, 0.5, 0.5, 0.75, 0.75, 1, 1], plan.Points.Select(p => p.Config.Training.Decay));
        Assert.Equal([1, 10, 1, 10], plan.Points.Take(4).Select(p => p.Config.Training.BatchSize));
    }

    [Fact]
    public void Zip_groups_vary_together()
    {
        var plan = SweepTestKit.Plan("""
            experiment: {name: x}
            grid:
              training.schedule: [constant, exponential, step]
              training.epochs: [1, 2]
              name: [const, exp, step]
            zip: [[training.schedule, name]]
            seeds: [3, 4]
            """);
        Assert.Equal(3 * 2 * 2, plan.Points.Count);
        Assert.All(plan.Points, p => Assert.StartsWith(p.Config.Name, ConfigNaming.EnumName(p.Config.Training.Schedule)));
        Assert.Equal(["training.schedule", "training.epochs", "name"], plan.Keys);
        Assert.Equal([3UL, 4UL, 3UL, 4UL], plan.Points.Take(4).Select(p => p.Seed));
        Assert.Equal([1, 1, 2, 2], plan.Points.Take(4).Select(p => p.Config.Training.Epochs));
    }

    [Fact]
    public void Zip_groups_need_equal_lengths()
    {
        var e = Assert.Throws<ConfigException>(() => SweepTestKit.Plan("""
            experiment: {name: x}
            grid:
              training.schedule: [constant, exponential]
              name: [a, b, c]
            zip: [[training.schedule, name]]
            """));
        Assert.Contains("sweep.yaml:4", e.Message);
        Assert.Contains("grid.name", e.Message);
    }

    [Fact]
    public void Ids_are_stable_distinct_and_independent_of_grid_order()
    {
        var a = SweepTestKit.Plan();
        var b = SweepTestKit.Plan();
        Assert.Equal(a.Points.Select(p => p.Id), b.Points.Select(p => p.Id));
        Assert.Equal(a.Points.Count, a.Points.Select(p => p.Id).Distinct().Count());
        Assert.Equal(a.Points.Count, a.Points.Select(p => p.Hash).Distinct().Count());
        Assert.Equal(a.Fingerprint, b.Fingerprint);
        Assert.StartsWith("learning_rate=0.001_layers=784-200-10_seed=10-", a.Points[0].Id);
        // The same points with the grid keys swapped keep their ids (only the order changes).
        var swapped = SweepTestKit.Plan(SweepTestKit.TwoKeys.Replace(
            "  training.learning_rate: {log_range: [1e-3, 1e-1], points: 3}\n  network.layers: [[784, 200, 10], [784, 300, 100, 10]]",
            "  network.layers: [[784, 200, 10], [784, 300, 100, 10]]\n  training.learning_rate: {log_range: [1e-3, 1e-1], points: 3}"));
        Assert.Equal(a.Points.Select(p => p.Hash).Order(), swapped.Points.Select(p => p.Hash).Order());
        Assert.NotEqual(a.Points.Select(p => p.Hash), swapped.Points.Select(p => p.Hash));
    }

    [Fact]
    public void Ids_do_not_depend_on_the_base_but_config_hashes_do()
    {
        var a = SweepTestKit.Plan();
        var b = SweepTestKit.Plan(overrides: ["training.epochs=3"]);
        Assert.Equal(a.Points.Select(p => p.Id), b.Points.Select(p => p.Id));
        Assert.All(b.Points, p => Assert.Equal(3, p.Config.Training.Epochs));
        Assert.All(a.Points.Zip(b.Points), x => Assert.NotEqual(x.First.ConfigHash, x.Second.ConfigHash));
        Assert.NotEqual(a.Fingerprint, b.Fingerprint);
    }

    [Fact]
    public void Unknown_grid_key_names_file_line_and_key()
    {
        var e = Assert.Throws<ConfigException>(() => SweepTestKit.Plan("""
            experiment: {name: x}
            grid:
              training.learning_rate: [0.1]
              training.learnig_rate: [0.1, 0.2]
            """));
        Assert.Contains("sweep.yaml:4", e.Message);
        Assert.Contains("grid.training.learnig_rate", e.Message);
        Assert.Contains("did you mean 'learning_rate'", e.Message);

        var section = Assert.Throws<ConfigException>(() => SweepTestKit.Plan("experiment: {name: x}\ngrid:\n  trainig.epochs: [1, 2]\n"));
        Assert.Contains("sweep.yaml:3", section.Message);
        Assert.Contains("grid.trainig.epochs", section.Message);
    }

    [Fact]
    public void A_bad_value_at_any_point_fails_before_anything_runs()
    {
        var e = Assert.Throws<ConfigException>(() => SweepTestKit.Plan("""
            experiment: {name: x}
            grid:
              training.epochs: [1, 2]
              training.learning_rate: [0.1, 0.2, -1]
            """));
        Assert.Contains("sweep.yaml:4", e.Message);
        Assert.Contains("grid.training.learning_rate", e.Message);
        Assert.Contains("out of range", e.Message);
    }

    [Theory]
    [InlineData("experiment: {name: x}\nrepets: 2\n", "repets", "did you mean 'repeats'")]
    [InlineData("experiment: {name: x}\ngrid:\n  training.epochs: 3\n", "grid.training.epochs", "must be a list")]
    [InlineData("experiment: {name: x}\ngrid:\n  training.epochs: {range: [1, 3]}\n", "grid.training.epochs.points", "missing")]
    [InlineData("experiment: {name: x}\ngrid:\n  training.epochs: {rnage: [1, 3], points: 3}\n", "grid.training.epochs.rnage", "did you mean 'range'")]
    [InlineData("experiment: {name: x}\ngrid:\n  training.learning_rate: {log_range: [0, 1], points: 3}\n", "grid.training.learning_rate.log_range", "> 0")]
    [InlineData("experiment: {name: x}\ngrid:\n  training.epochs: {range: [1, 2], points: 3}\n", "grid.training.epochs", "whole number")]
    [InlineData("experiment: {name: x}\ngrid:\n  seed: [1, 2]\n", "grid.seed", "repeats")]
    [InlineData("experiment: {name: x}\ngrid:\n  training.epochs: [1, 1]\n", "grid", "same")]
    [InlineData("experiment: {name: x}\nrepeats: 2\nseeds: [1]\n", "seeds", "not both")]
    [InlineData("experiment: {name: x}\nrepeats: 0\n", "repeats", "whole number >= 1")]
    [InlineData("experiment: {name: x}\nzip: [[a.b, c.d]]\n", "zip", "not a grid key")]
    [InlineData("grid:\n  training.epochs: [1]\n", "base", "missing")]
    [InlineData("base: nowhere.yaml\n", "base", "not found")]
    public void Mistakes_are_reported_with_file_and_key(string yaml, string key, string problem)
    {
        var e = Assert.Throws<ConfigException>(() => SweepTestKit.Plan(yaml));
        Assert.Contains("sweep.yaml", e.Message);
        Assert.Equal(key, e.Key);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Base_is_read_relative_to_the_sweep_file_and_merged_under_experiment()
    {
        using var kit = new SweepTestKit();
        Directory.CreateDirectory(kit.Dir("exp"));
        Directory.CreateDirectory(kit.Dir("sweeps"));
        File.WriteAllText(kit.Dir("exp/base.yaml"), "name: b\nseed: 5\ntraining:\n  epochs: 2\n  batch_size: 4\nnetwork:\n  layers: [784, 50, 10]\n");
        File.WriteAllText(kit.Dir("sweeps/s.yaml"), """
            base: ../exp/base.yaml
            experiment:
              training: {batch_size: 8}
            grid:
              training.learning_rate: [0.1, 0.2]
            repeats: 3
            parallel: 2
            """);
        var plan = SweepFile.Load(kit.Dir("sweeps/s.yaml"), ["network.layers=[784, 20, 10]"]);
        Assert.Equal("s", plan.Name);
        Assert.Equal(6, plan.Points.Count);
        Assert.Equal([5UL, 6UL, 7UL], plan.Definition.Seeds);
        Assert.All(plan.Points, p =>
        {
            Assert.Equal(2, p.Config.Training.Epochs);
            Assert.Equal(8, p.Config.Training.BatchSize);
            Assert.Equal([784, 20, 10], p.Config.Network.Layers);
        });
        Assert.Equal(2, plan.Definition.Parallel);
        Assert.Equal(Path.Combine("runs", "sweeps", "s"), plan.Definition.DefaultOutputDir);
    }

    [Fact]
    public void Values_render_as_yaml_that_parses_back()
    {
        foreach (var text in new[] { "0.001", "[784, 200, 10]", "{kind: tanh, c: 4}", "\"null\"", "\"a b\"", "[[1, 2], [3]]", "-1", "\"\"" })
        {
            var node = ConfigParser.ParseValue(text, "t");
            string flow = ConfigValueText.Flow(node);
            Assert.Equal(flow, ConfigValueText.Flow(ConfigParser.ParseValue(flow, "t")));
        }
        Assert.Equal("784-200-10", ConfigValueText.Compact(ConfigParser.ParseValue("[784, 200, 10]", "t")));
        Assert.Equal("kind=tanh;c=4", ConfigValueText.Compact(ConfigParser.ParseValue("{kind: tanh, c: 4}", "t")));
    }
}
