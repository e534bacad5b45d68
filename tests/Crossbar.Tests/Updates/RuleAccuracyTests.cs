using System.Text.Json.Nodes;
using Crossbar.Tests.Cli;

namespace Crossbar.Tests.Updates;

/// <summary>
/// Accuracy floors of every device-aware rule, trained from its experiment file on a small MNIST subset (skipped when
/// MNIST is absent). The floors sit well below what the runs reach, and far above chance, so a broken rule fails.
/// </summary>
public class RuleAccuracyTests
{
    private static double Train(string experiment, params string[] overrides)
    {
        string? data = TrainCommandTests.FindMnist();
        if (data is null)
        {
            return double.NaN;
        }
        string root = RepoRoot();
        string dir = CliHarness.TempDir();
        var args = new List<string> { "train", Path.Combine(root, "experiments", experiment), "--data", data, "--out", dir, "-q",
                                      "--set", "output.plots=false", "--set", "output.save_model=false", "--set", "evaluation.every_examples=0",
                                      "--set", "evaluation.snapshots=[]", "--set", "data.test_count=1000" };
        foreach (var o in overrides)
        {
            args.Add("--set");
            args.Add(o);
        }
        var r = CliHarness.Run([.. args]);
        Assert.True(r.Exit == 0, r.Err);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")))!;
        Assert.True(summary["set_pulses"]!.GetValue<long>() > 0);
        return summary["test_accuracy"]!.GetValue<double>();
    }

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (Directory.Exists(Path.Combine(d.FullName, "experiments")) && File.Exists(Path.Combine(d.FullName, "Crossbar.slnx")))
            {
                return d.FullName;
            }
        }
        throw new InvalidOperationException("repository root not found");
    }

    private static void AssertFloor(double acc, double floor)
    {
        if (double.IsNaN(acc))
        {
            return; // no MNIST on this machine
        }
        Assert.InRange(acc, floor, 1.0);
    }

    [Fact]
    public void Sign_step_method_b_learns() =>
        AssertFloor(Train("lim-adaptive-rule/method-b.yaml", "data.train_count=3000"), 0.70);

    [Fact]
    public void Pulse_coincidence_with_local_gains_on_2pcm_learns() =>
        AssertFloor(Train("boybat-local-gains/2pcm-lg.yaml", "data.train_count=5000", "training.epochs=1"), 0.55);

    [Fact]
    public void Stochastic_bit_streams_on_n_level_devices_learn() =>
        AssertFloor(Train("babu-stochastic/stochastic-memristive.yaml", "data.train_count=3000", "training.epochs=1", "update.reset.criterion=grown"), 0.60);

    [Fact]
    public void Mixed_precision_on_pcm_learns() =>
        AssertFloor(Train("sebastian-computational-memory/mixed-precision.yaml", "data.train_count=3000", "training.epochs=1"), 0.80);
}
