using System.Text.Json.Nodes;
using Crossbar.Tests.Data;

namespace Crossbar.Tests.Cli;

public class TrainCommandTests
{
    /// <summary>Synthetic digits: class k lights up rows 2k..2k+2, plus a little texture, so a small MLP can learn them.</summary>
    internal static string SyntheticData(string dir)
    {
        string data = Path.Combine(dir, "mnist");
        static byte Label(int i) => (byte)(i * 7 % 10);
        IdxTestFiles.WriteDataset(data, 600, 200, gz: true,
            pixel: (i, r, c) => (byte)(r / 2 == Label(i % 1000) + 2 && c > 4 && c < 24 ? 200 + (i + c) % 50 : (i * 13 + r * c) % 40),
            label: i => Label(i % 1000));
        return data;
    }

    [Fact]
    public void Train_writes_the_run_folder()
    {
        string dir = CliHarness.TempDir();
        string data = SyntheticData(dir);
        string file = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(file, """
            name: tiny
            network:
              layers: [784, 32, 10]
              hidden_activation: {kind: sigmoid}
            training:
              epochs: 3
              learning_rate: 0.1
            evaluation:
              every_examples: 200
            """);
        string outDir = Path.Combine(dir, "out");
        var r = CliHarness.Run("train", file, "--data", data, "--out", outDir, "--set", "seed=5");
        Assert.True(r.Exit == 0, r.Err);
        foreach (var f in new[] { "config.yaml", "metrics.csv", "summary.json", "model.cbm" })
        {
            Assert.True(File.Exists(Path.Combine(outDir, f)), f);
        }
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")))!;
        double acc = summary["test_accuracy"]!.GetValue<double>();
        Assert.InRange(acc, 0.9, 1.0);
        Assert.True(summary["best_test_accuracy"]!.GetValue<double>() >= acc);
        Assert.True(summary["examples_per_second"]!.GetValue<double>() > 0);
        Assert.Equal(1800, summary["examples"]!.GetValue<long>());
        Assert.Equal(CrossbarVersion.Current, summary["crossbar_version"]!.GetValue<string>()); // which code made the result
        Assert.Matches(@"^\d+\.\d+\.\d+", CrossbarVersion.Current);
        var metrics = File.ReadAllLines(Path.Combine(outDir, "metrics.csv"));
        Assert.StartsWith("examples,epoch,train_accuracy", metrics[0]);
        Assert.Equal(1 + 1 + 9 + 3, metrics.Length); // header, start, every 200 examples, 3 epoch ends
        string resolved = File.ReadAllText(Path.Combine(outDir, "config.yaml"));
        Assert.Contains("seed: 5", resolved);
        Assert.Contains("batch_size: 1", resolved); // defaults are written too

        // Same config + seed = same numbers, bit for bit.
        string outDir2 = Path.Combine(dir, "out2");
        Assert.Equal(0, CliHarness.Run("train", file, "--data", data, "--out", outDir2, "--set", "seed=5").Exit);
        Assert.Equal(File.ReadAllBytes(Path.Combine(outDir, "model.cbm")), File.ReadAllBytes(Path.Combine(outDir2, "model.cbm")));
        Assert.Equal(acc, JsonNode.Parse(File.ReadAllText(Path.Combine(outDir2, "summary.json")))!["test_accuracy"]!.GetValue<double>());
    }

    [Fact]
    public void Real_mnist_subset_reaches_accuracy_floor()
    {
        string? data = FindMnist();
        if (data is null)
        {
            return; // MNIST not present on this machine: nothing to check (the synthetic test covers the pipeline)
        }
        string dir = CliHarness.TempDir();
        string file = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(file, """
            name: floor
            data: {train_count: 5000, test_count: 2000}
            network:
              layers: [784, 100, 10]
              hidden_activation: {kind: hard_sigmoid, c: 1}
            training: {epochs: 2, learning_rate: 0.02}
            output: {plots: false}
            """);
        var r = CliHarness.Run("train", file, "--data", data, "--out", Path.Combine(dir, "out"), "-q");
        Assert.True(r.Exit == 0, r.Err);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "out", "summary.json")))!;
        Assert.InRange(summary["test_accuracy"]!.GetValue<double>(), 0.88, 1.0);
    }

    internal static string? FindMnist()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "shared", "data", "mnist");
            if (File.Exists(Path.Combine(candidate, "train-images-idx3-ubyte.gz")))
            {
                return candidate;
            }
        }
        return null;
    }
}
