using Crossbar.Config;
using Crossbar.Data;
using Crossbar.Experiments;
using Crossbar.Tests.Cli;

namespace Crossbar.Tests.Training;

/// <summary>
/// A run cut off after an epoch's checkpoint and started again into the same folder ends with the outputs of an
/// uninterrupted run (wall-clock values aside), for float and analog MLPs with every rule and for a CNN.
/// </summary>
public class ResumeTests
{
    private const string Mlp = """
        seed: 11
        network:
          layers: [20, 12, 5]
          hidden_activation: {kind: sigmoid}
          output_activation: {kind: softmax}
          loss: cross_entropy
        training: {epochs: 3, learning_rate: 0.1}
        evaluation: {every_examples: 70, snapshots: ["10", "epoch 1", "last"]}
        output: {plots: false}
        """;

    public static TheoryData<string, string> MlpRuns => new()
    {
        // Float, step schedule, mini-batches.
        { "float", "training: {epochs: 3, learning_rate: 0.3, schedule: step, step_epochs: 1, batch_size: 4}" },
        // 003: stochastic pulse trains, a device with cycle-to-cycle noise, read noise, stochastic forward and backward.
        { "stochastic", """
            device: {model: constant_step, dw_min: 0.005, dw_min_std: 0.3, w_min: -1, w_max: 1, read_noise: {relative: 0.02}}
            tile: {gain: 1, pair: single}
            update: {rule: stochastic, bl: 15, direction: bidirectional, stochastic_forward: true, stochastic_backward: true}
            """ },
        // 000: 2-PCM jump table, pulse coincidence, final Local Gains, occasional RESET, drift (reference times).
        { "coincidence", """
            device: {model: jump_table, table: "builtin:pcm", drift: {nu: 0.05}}
            tile: {gain: 1, init: network, read_refresh: 37}
            update:
              rule: pulse_coincidence
              local_gains: {enabled: true, variant: final}
              reset: {every: 70, criterion: grown, threshold: 0.5} # 300 examples per epoch: the schedule runs across epoch ends
            training: {epochs: 3, learning_rate: 1}
            """ },
        // 004: mixed precision (χ carried across examples) on PCM with device-to-device variation.
        { "mixed_precision", """
            device: {model: pcm, variation: 0.1}
            tile: {gain: 10}
            update: {rule: mixed_precision}
            """ },
        // 002: sign step (saturation counter) on an exponential device, with the full training-set accuracy.
        { "sign_step", """
            device: {model: exponential}
            tile: {gain: 1}
            update: {rule: sign_step, method: b}
            evaluation: {every_examples: 70, full_train_accuracy: true}
            """ },
    };

    [Theory]
    [MemberData(nameof(MlpRuns))]
    public void Resumed_mlp_run_equals_an_uninterrupted_one(string name, string extra)
    {
        var config = ExperimentLoader.FromText(Merge(Mlp, extra), $"{name}.yaml");
        config.Name = name;
        var data = RunOutputs.Clusters(20, 5, 300, 100);
        AssertResumeIsExact(config, (_, _, _) => data, interruptAfter: name == "float" ? 2 : 1);
    }

    [Fact]
    public void Resumed_cnn_run_equals_an_uninterrupted_one()
    {
        string dir = CliHarness.TempDir();
        var config = ExperimentLoader.FromText("""
            name: cnn
            seed: 5
            data: {train_count: 300, test_count: 100}
            network:
              family: custom
              modules:
                - {type: conv2d, out_channels: 4, kernel: 5, padding: 2, stride: 2}
                - {type: batch_norm}
                - {type: relu}
                - {type: max_pool, kernel: 2}
                - {type: dropout, p: 0.25}
                - {type: flatten}
                - {type: linear, out_features: 10}
            training: {epochs: 3, batch_size: 25, learning_rate: 0.05, momentum: 0.9, nesterov: true, weight_decay: 0.0005, schedule: cosine, warmup_epochs: 0.5, max_examples: 800}
            evaluation: {every_examples: 200}
            output: {plots: false}
            """, "cnn.yaml");
        string mnist = TrainCommandTests.FindMnist() ?? TrainCommandTests.SyntheticData(dir);
        AssertResumeIsExact(config, null, interruptAfter: 1, mnist);
    }

    /// <summary>Runs once through, then again cut off after epoch <paramref name="interruptAfter"/> and restarted.</summary>
    private static void AssertResumeIsExact(ExperimentConfig config, Func<DataConfig, string?, ulong, DataSplit>? data, int interruptAfter,
                                            string? dataFolder = null)
    {
        string dir = CliHarness.TempDir();
        string whole = Path.Combine(dir, "whole"), cut = Path.Combine(dir, "cut");
        TrainingRun.Execute(config, whole, dataFolder, "x.yaml", loadData: data);

        using var cancel = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() => TrainingRun.Execute(config, cut, dataFolder, "x.yaml",
            new RunOutputs.CancelAfterEpoch(interruptAfter, cancel), cancel.Token, data));
        Assert.True(File.Exists(RunCheckpoint.PathIn(cut)));
        Assert.False(File.Exists(Path.Combine(cut, "summary.json")));

        var messages = new Messages();
        TrainingRun.Execute(config, cut, dataFolder, "x.yaml", messages, loadData: data); // no --resume: the checkpoint is found
        Assert.Contains(messages.Lines, l => l.Contains($"resuming from {RunCheckpoint.PathIn(cut)}: {interruptAfter} of 3 epoch(s) done", StringComparison.Ordinal));
        RunOutputs.AssertSame(whole, cut);
    }

    /// <summary>The second document's sections replace the first's (the configs here have one level to merge).</summary>
    private static string Merge(string baseYaml, string extra)
    {
        var lines = baseYaml.Split('\n').ToList();
        foreach (var section in ConfigParser.ParseText(extra, "extra").Entries.Select(e => e.Key))
        {
            int at = lines.FindIndex(l => l.StartsWith(section + ":", StringComparison.Ordinal));
            if (at >= 0)
            {
                int end = at + 1;
                while (end < lines.Count && lines[end].StartsWith(' '))
                {
                    end++;
                }
                lines.RemoveRange(at, end - at);
            }
        }
        return string.Join('\n', lines) + "\n" + extra + "\n";
    }

    private sealed class Messages : Crossbar.Training.IProgressSink
    {
        public List<string> Lines { get; } = [];

        public void Report(long done, long total, string status) { }

        public void Message(string line) => Lines.Add(line);
    }
}
