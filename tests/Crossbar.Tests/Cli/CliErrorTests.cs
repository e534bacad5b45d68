using Crossbar.Tests.Data;

namespace Crossbar.Tests.Cli;

/// <summary>User mistakes give one line on stderr, exit code 2, and no stack trace.</summary>
public class CliErrorTests
{
    private static void AssertOneLineError((int Exit, string Out, string Err) r, params string[] mustContain)
    {
        Assert.Equal(2, r.Exit);
        var lines = r.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0]);
        Assert.DoesNotContain("   at ", r.Err);
        foreach (var s in mustContain)
        {
            Assert.Contains(s, lines[0]);
        }
    }

    [Fact]
    public void Misspelled_key()
    {
        string dir = CliHarness.TempDir();
        string file = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(file, "name: x\ntraining:\n  epochs: 1\n  learnig_rate: 0.1\n");
        AssertOneLineError(CliHarness.Run("train", file, "--out", dir), "exp.yaml:4", "training.learnig_rate", "learning_rate");
    }

    [Fact]
    public void Negative_learning_rate()
    {
        string dir = CliHarness.TempDir();
        string file = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(file, "name: x\ntraining:\n  learning_rate: -0.01\n");
        AssertOneLineError(CliHarness.Run("train", file, "--out", dir), "training.learning_rate", "allowed: > 0");
    }

    [Fact]
    public void Negative_learning_rate_from_set()
    {
        string dir = CliHarness.TempDir();
        string file = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(file, "name: x\n");
        AssertOneLineError(CliHarness.Run("train", file, "--set", "training.learning_rate=-1", "--out", dir), "--set", "training.learning_rate");
    }

    [Fact]
    public void Missing_experiment_file()
    {
        AssertOneLineError(CliHarness.Run("train", "/nonexistent/exp.yaml"), "/nonexistent/exp.yaml", "not found");
    }

    [Fact]
    public void Help_lists_commands()
    {
        var r = CliHarness.Run("--help");
        Assert.Equal(0, r.Exit);
        Assert.Contains("train", r.Out);
        Assert.Contains("data", r.Out);
    }

    [Fact]
    public void Truncated_data_file()
    {
        string dir = CliHarness.TempDir();
        string data = Path.Combine(dir, "mnist");
        IdxTestFiles.WriteDataset(data, 20, 10, gz: false);
        string images = Path.Combine(data, "train-images-idx3-ubyte");
        var bytes = File.ReadAllBytes(images);
        File.WriteAllBytes(images, bytes[..(bytes.Length / 2)]);
        string file = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(file, "name: x\n");
        AssertOneLineError(CliHarness.Run("train", file, "--data", data, "--out", dir), "train-images-idx3-ubyte", "truncated");
    }
}
