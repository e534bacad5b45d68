using Crossbar.Config;
using Crossbar.Experiments;
using Crossbar.Tests.Training;

namespace Crossbar.Tests.Cli;

/// <summary><c>crossbar train --resume</c> and reruns into a folder that holds a checkpoint or a finished run.</summary>
public class ResumeCommandTests
{
    private const string Experiment = """
        name: resume
        seed: 2
        data: {train_count: 300, test_count: 100}
        network:
          layers: [784, 16, 10]
          hidden_activation: {kind: sigmoid}
        training: {epochs: 3, learning_rate: 0.1}
        output: {plots: false}
        """;

    private static (string Dir, string File, string Data, string Out) Setup()
    {
        string dir = CliHarness.TempDir();
        string file = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(file, Experiment);
        return (dir, file, TrainCommandTests.SyntheticData(dir), Path.Combine(dir, "out"));
    }

    /// <summary>Leaves a checkpoint of epoch 1 in <paramref name="outDir"/>, as a run killed in epoch 2 does.</summary>
    private static void Interrupted(string file, string data, string outDir)
    {
        var (config, _) = ExperimentLoader.Load(file);
        using var cancel = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() =>
            TrainingRun.Execute(config, outDir, data, file, new RunOutputs.CancelAfterEpoch(1, cancel), cancel.Token));
    }

    [Fact]
    public void Checkpoint_of_another_configuration_is_refused_in_one_line()
    {
        var (_, file, data, outDir) = Setup();
        Interrupted(file, data, outDir);
        var r = CliHarness.Run("train", file, "--data", data, "--out", outDir, "--set", "training.learning_rate=0.2", "--resume");
        Assert.Equal(2, r.Exit);
        string checkpoint = RunCheckpoint.PathIn(outDir);
        Assert.Equal(
            $"error: {checkpoint}: checkpoint of another configuration: training.learning_rate is 0.2 in {file} but 0.1 in the checkpoint; " +
            "delete it to start again, or train into another --out" + Environment.NewLine, r.Err);
        Assert.True(File.Exists(checkpoint)); // left for the right configuration

        // Keys that do not change the numbers (threads, output options, name) may differ.
        r = CliHarness.Run("train", file, "--data", data, "--out", outDir, "--set", "output.save_model=false", "--set", "name=renamed");
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains($"resuming from {checkpoint}: 1 of 3 epoch(s) done (300 examples)", r.Out);
        Assert.False(File.Exists(checkpoint));
    }

    [Fact]
    public void Resume_of_a_completed_run_says_so_and_changes_nothing()
    {
        var (_, file, data, outDir) = Setup();
        Assert.Equal(0, CliHarness.Run("train", file, "--data", data, "--out", outDir).Exit);
        string model = Path.Combine(outDir, "model.cbm");
        var written = File.GetLastWriteTimeUtc(model);
        var r = CliHarness.Run("train", file, "--data", data, "--out", outDir, "--resume");
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains($"{outDir}: the run is already complete", r.Out);
        Assert.Contains("resume: test accuracy", r.Out);
        Assert.Equal(written, File.GetLastWriteTimeUtc(model));

        r = CliHarness.Run("train", file, "--data", data, "--out", outDir, "--resume", "--set", "seed=3");
        Assert.Equal(2, r.Exit);
        Assert.Contains($"{outDir}: holds a completed run of another configuration: seed is 3 in {file} but 2 in {Path.Combine(outDir, "config.yaml")}", r.Err);
    }

    [Fact]
    public void Resume_without_a_checkpoint_starts_from_the_beginning()
    {
        var (_, file, data, outDir) = Setup();
        var r = CliHarness.Run("train", file, "--data", data, "--out", outDir, "--resume");
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains($"no checkpoint in {outDir}: starting from the beginning", r.Out);
        Assert.True(File.Exists(Path.Combine(outDir, "summary.json")));
    }

    [Fact]
    public void Corrupt_checkpoint_is_a_one_line_error()
    {
        var (_, file, data, outDir) = Setup();
        Interrupted(file, data, outDir);
        string checkpoint = RunCheckpoint.PathIn(outDir);
        File.WriteAllBytes(checkpoint, File.ReadAllBytes(checkpoint)[..^10]);
        var r = CliHarness.Run("train", file, "--data", data, "--out", outDir);
        Assert.Equal(2, r.Exit);
        Assert.StartsWith($"error: {checkpoint}: checksum mismatch", r.Err);
        Assert.Single(r.Err.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Help_mentions_resume()
    {
        var r = CliHarness.Run("train", "--help");
        Assert.Contains("--resume", r.Out);
        Assert.Contains("checkpoint.cbc", r.Out);
    }
}
