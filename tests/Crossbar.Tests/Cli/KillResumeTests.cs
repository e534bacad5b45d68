using System.Diagnostics;
using Crossbar.Experiments;
using Crossbar.Persistence;
using Crossbar.Tests.Data;
using Crossbar.Tests.Training;

namespace Crossbar.Tests.Cli;

/// <summary>
/// The kill test: the real <c>crossbar train</c> process, killed with SIGKILL in the middle of an epoch and restarted
/// with <c>--resume</c>, ends with the metrics.csv (less wall-clock columns), model file and summary of an
/// uninterrupted run, for an analog MLP and a float CNN.
/// </summary>
public class KillResumeTests
{
    private const string AnalogMlp = """
        name: kill-mlp
        seed: 3
        data: {train_count: 2000, test_count: 200}
        network:
          layers: [784, 32, 10]
          hidden_activation: {kind: sigmoid}
          output_activation: {kind: softmax}
          loss: cross_entropy
        device: {model: constant_step, dw_min: 0.002, dw_min_std: 0.3, w_min: -1, w_max: 1, read_noise: {relative: 0.02}}
        tile: {gain: 1, pair: single}
        update: {rule: stochastic, bl: 15, direction: bidirectional, stochastic_forward: true}
        training: {epochs: 3, learning_rate: 0.05}
        evaluation: {every_examples: 700, snapshots: ["10", "epoch 1", "last"]}
        output: {plots: false}
        """;

    private const string FloatCnn = """
        name: kill-cnn
        seed: 4
        data: {train_count: 1000, test_count: 200}
        network:
          family: custom
          modules:
            - {type: conv2d, out_channels: 6, kernel: 5, padding: 2}
            - {type: batch_norm}
            - {type: relu}
            - {type: max_pool, kernel: 2}
            - {type: dropout, p: 0.2}
            - {type: flatten}
            - {type: linear, out_features: 10}
        training: {epochs: 3, batch_size: 32, learning_rate: 0.05, momentum: 0.9, weight_decay: 0.0005, schedule: cosine}
        evaluation: {every_examples: 300}
        output: {plots: false}
        """;

    [Fact]
    public void Killed_analog_mlp_run_resumes_to_the_uninterrupted_result() => KillAndResume(AnalogMlp);

    [Fact]
    public void Killed_float_cnn_run_resumes_to_the_uninterrupted_result() => KillAndResume(FloatCnn);

    private static void KillAndResume(string experiment)
    {
        string dir = CliHarness.TempDir();
        string file = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(file, experiment);
        string data = TrainCommandTests.FindMnist() ?? Synthetic(dir);
        string whole = Path.Combine(dir, "whole"), killed = Path.Combine(dir, "killed");

        var r = CliHarness.Run("train", file, "--data", data, "--out", whole, "-q"); // the reference, in-process
        Assert.True(r.Exit == 0, r.Err);

        using (var run = Start("train", file, "--data", data, "--out", killed, "-q"))
        {
            string checkpoint = RunCheckpoint.PathIn(killed);
            var clock = Stopwatch.StartNew();
            while (!File.Exists(checkpoint))
            {
                if (run.HasExited) // (the message is built only then: reading the output waits for the process to end)
                {
                    Assert.Fail($"the run ended (exit {run.ExitCode}) before its first checkpoint: {run.StandardOutput.ReadToEnd()} {run.StandardError.ReadToEnd()}");
                }
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), "no checkpoint after 60 s");
                Thread.Sleep(5);
            }
            Thread.Sleep(50); // into the next epoch (each takes several hundred ms)
            Assert.False(run.HasExited, "the run finished before it could be killed");
            run.Kill(); // SIGKILL: no handler runs, nothing is flushed
            run.WaitForExit();
            var left = CheckpointFile.Read(checkpoint).Header;
            Assert.InRange(left.Epochs, 1, 2);
            Assert.False(File.Exists(Path.Combine(killed, "summary.json")));
        }

        using (var resumed = Start("train", file, "--data", data, "--out", killed, "--resume"))
        {
            string output = resumed.StandardOutput.ReadToEnd();
            string errors = resumed.StandardError.ReadToEnd();
            resumed.WaitForExit();
            Assert.True(resumed.ExitCode == 0, errors);
            Assert.Contains("resuming from", output);
        }
        RunOutputs.AssertSame(whole, killed);
    }

    /// <summary>Starts the built CLI (Crossbar.Cli.dll, copied beside the tests) as its own process.</summary>
    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Crossbar.Cli.dll"));
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        return Process.Start(info) ?? throw new InvalidOperationException("could not start the CLI");
    }

    /// <summary>Learnable 28×28 digits when MNIST is not on this machine (class k lights up rows 2k+4, 2k+5).</summary>
    private static string Synthetic(string dir)
    {
        string data = Path.Combine(dir, "mnist");
        static byte Label(int i) => (byte)(i * 7 % 10);
        IdxTestFiles.WriteDataset(data, 2000, 200, gz: true,
            pixel: (i, r, c) => (byte)(r / 2 == Label(i % 1000) + 2 && c > 4 && c < 24 ? 200 + (i + c) % 50 : (i * 13 + r * c) % 40),
            label: i => Label(i % 1000));
        return data;
    }
}
