using Crossbar.Benchmarks;

namespace Crossbar.Tests.Cli;

public class BenchCommandTests
{
    private static (string File, string Data) TinyExperiment()
    {
        string dir = CliHarness.TempDir();
        string data = TrainCommandTests.SyntheticData(dir);
        string file = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(file, """
            name: tiny-analog
            network:
              layers: [784, 8, 10]
              hidden_activation: {kind: sigmoid}
            device: {model: constant_step, w_min: -1, w_max: 1}
            tile: {gain: 1, pair: single}
            update: {rule: stochastic, bl: 7, direction: bidirectional}
            training: {learning_rate: 0.05}
            """);
        return (file, data);
    }

    [Fact]
    public void Repeated_passes_print_each_pass_the_median_and_the_best()
    {
        var (file, data) = TinyExperiment();
        var r = CliHarness.Run("bench", "experiment", file, "--data", data, "--examples", "40", "--repeat", "3");
        Assert.True(r.Exit == 0, r.Err);
        var lines = r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("pass 1: ", lines[0]);
        Assert.StartsWith("pass 3: ", lines[2]);
        Assert.StartsWith("median of 3 passes: ", lines[3]);
        Assert.Contains("tiny-analog (784-8-10, constant_step, rule stochastic)", lines[4]);
        Assert.Contains("40 examples in", lines[4]);
    }

    [Theory]
    [InlineData("--repeat", "0", "--repeat: 0")]
    [InlineData("--examples", "0", "--examples: 0")]
    public void Bad_pass_or_example_counts_are_one_line_errors(string option, string value, string message)
    {
        var (file, data) = TinyExperiment();
        var r = CliHarness.Run("bench", "experiment", file, "--data", data, option, value);
        Assert.Equal(2, r.Exit);
        Assert.StartsWith("error: ", r.Err);
        Assert.Contains(message, r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public void Median_and_best_of_passes()
    {
        static BenchmarkResult Pass(double perSecond) => new("x", "examples", perSecond, 10, 10 / perSecond, "");
        var odd = new ExperimentBenchmark([Pass(300), Pass(100), Pass(200)], null);
        Assert.Equal(200, odd.MedianPerSecond);
        Assert.Equal(300, odd.Best.PerSecond);
        var even = new ExperimentBenchmark([Pass(400), Pass(100), Pass(200), Pass(300)], 0.5);
        Assert.Equal(250, even.MedianPerSecond);
        Assert.Equal(400, even.Best.PerSecond);
    }

    [Theory]
    [InlineData("cpu  1097391 0 19509 224117 2222 0 355 5997 0 0", 59.97)]
    [InlineData("cpu 10 0 10 10 0 0 0 250", 2.5)]
    public void Steal_is_the_eighth_field_of_the_cpu_line_in_hundredths_of_a_second(string line, double seconds) =>
        Assert.Equal(seconds, HostSteal.Parse(line)!.Value, 9);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("cpu0 1 2 3 4 5 6 7 8")]   // a per-CPU line, not the total
    [InlineData("cpu 1 2 3 4 5 6 7")]      // kernels before 2.6.11 have no steal field
    [InlineData("cpu 1 2 3 4 5 6 7 x")]
    public void Lines_without_a_steal_field_give_no_figure(string? line) => Assert.Null(HostSteal.Parse(line));
}
