using Crossbar.Config;
using Crossbar.Experiments;
using Crossbar.Modules;
using Crossbar.Network;
using Crossbar.Numerics;
using Crossbar.Persistence;
using Crossbar.Tests.Cli;
using Crossbar.Training;
using Crossbar.Training.Optim;
using Crossbar.Updates;

namespace Crossbar.Tests.Training;

/// <summary>Each stateful component's checkpoint state: what is saved is restored exactly, and damage is a clear error.</summary>
public class CheckpointStateTests
{
    private static byte[] Saved(ICheckpointState state)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms))
        {
            state.SaveState(w);
        }
        return ms.ToArray();
    }

    /// <summary>Loads a's state into b (built from the same configuration), then checks b saves the same bytes.</summary>
    private static void RoundTrip(ICheckpointState trained, ICheckpointState fresh, string what)
    {
        byte[] a = Saved(trained);
        Assert.False(a.SequenceEqual(Saved(fresh)), $"{what}: training left no state to save");
        using (var r = new BinaryReader(new MemoryStream(a)))
        {
            fresh.LoadState(r);
            Assert.True(r.BaseStream.Position == a.Length, $"{what}: LoadState reads what SaveState wrote");
        }
        Assert.True(a.SequenceEqual(Saved(fresh)), $"{what}: state differs after the round trip");
    }

    [Fact]
    public void Random_stream_position_round_trips_with_the_spare_gaussian()
    {
        var rng = CounterRng.ForStream(3, "noise", 2);
        rng.NextGaussian(); // leaves the pair's second value for the next call
        using var ms = new MemoryStream();
        rng.Save(new BinaryWriter(ms));
        var copy = CounterRng.ForStream(3, "noise", 2);
        ms.Position = 0;
        copy.Load(new BinaryReader(ms), "noise");
        Assert.Equal(rng.NextGaussian(), copy.NextGaussian());
        Assert.Equal(rng.NextUInt64(), copy.NextUInt64());

        var other = CounterRng.ForStream(4, "noise", 2);
        ms.Position = 0;
        var e = Assert.Throws<InvalidDataException>(() => other.Load(new BinaryReader(ms), "noise"));
        Assert.Contains("another seed", e.Message);
    }

    public static TheoryData<string> AnalogSetups => new()
    {
        // Devices with reference times and read noise, tile cache, stochastic rule stream, stream encoders.
        "device: {model: constant_step, dw_min: 0.005, w_min: -1, w_max: 1, read_noise: {relative: 0.02}, decay: {rc: 1000}}\n" +
        "tile: {gain: 1, pair: single}\nupdate: {rule: stochastic, bl: 15, direction: bidirectional, stochastic_forward: true, stochastic_backward: true}\n",
        // Pulse coincidence with Local Gains and occasional RESET.
        "device: {model: jump_table, table: \"builtin:pcm\"}\ntile: {gain: 1, init: network}\n" +
        "update: {rule: pulse_coincidence, eta_set: 1, local_gains: {enabled: true, variant: final}, reset: {every: 7}}\n",
        "device: {model: pcm}\ntile: {gain: 10}\nupdate: {rule: mixed_precision}\n",
        "device: {model: exponential}\ntile: {gain: 1}\nupdate: {rule: sign_step}\n",
    };

    [Theory]
    [MemberData(nameof(AnalogSetups))]
    public void Every_layer_and_rule_state_round_trips(string analog)
    {
        var config = ExperimentLoader.FromText(
            "network: {layers: [20, 8, 5], hidden_activation: {kind: sigmoid}}\ntraining: {learning_rate: 0.1}\nevaluation: {every_examples: 0}\n" + analog, "a.yaml");
        var data = RunOutputs.Clusters(20, 5, 60, 20);
        var trained = NetworkBuilder.Build(config);
        var trainer = new Trainer(config, trained, data);
        trainer.Run();
        AnalogLayer Fresh(int l) => (AnalogLayer)NetworkBuilder.Build(config).Layers[l];
        var fresh = NetworkBuilder.Build(config);
        var updates = new UpdatePipeline(config.Update, config.Network, fresh);
        for (int l = 0; l < trained.Layers.Count; l++)
        {
            var a = (AnalogLayer)trained.Layers[l];
            RoundTrip(a.Tile.Devices, Fresh(l).Tile.Devices, $"layer {l} devices");
            RoundTrip(a.Tile, Fresh(l).Tile, $"layer {l} tile");
            RoundTrip(a, (AnalogLayer)fresh.Layers[l], $"layer {l}"); // tile, rule, RESET schedule, streams
        }
        if (trainer.Updates.LocalGains is { } lg)
        {
            RoundTrip(lg, updates.LocalGains!, "local gains");
        }
        // Restored, the networks compute the same from here on, random streams included.
        var x = data.Test.Input(3);
        Assert.Equal(trained.Forward(x).ToArray(), fresh.Forward(x).ToArray());
        Assert.Equal(trained.Backward(2), fresh.Backward(2));
    }

    [Fact]
    public void Float_layers_graphs_and_the_optimiser_round_trip()
    {
        var config = ExperimentLoader.FromText("network: {layers: [20, 8, 5]}\n", "f.yaml");
        var dense = NetworkBuilder.Build(config);
        dense.Forward(RunOutputs.Clusters(20, 5, 1, 1).Train.Input(0));
        dense.BackwardAndUpdate(1, 0.5f);
        RoundTrip((DenseLayer)dense.Layers[0], (DenseLayer)NetworkBuilder.Build(config).Layers[0], "dense layer");

        var net = ExperimentLoader.FromText("""
            network:
              family: custom
              modules:
                - {type: conv2d, out_channels: 4, kernel: 3, padding: 1}
                - {type: batch_norm}
                - {type: relu}
                - {type: dropout, p: 0.3}
                - {type: flatten}
                - {type: linear, out_features: 10}
            """, "g.yaml").Network;
        Graph Build() => GraphFactory.Build(net, new Shape(1, 6, 6), 10, 2);
        var g = Build();
        var opt = new Sgd(g.Parameters, 0.9, nesterov: false, 1e-4);
        using var pool = new WorkerPool(1);
        var rng = CounterRng.ForStream(1, "batch");
        g.Input.Resize(8);
        rng.FillGaussian(g.Input.Span, 0f, 1f);
        SoftmaxCrossEntropy.Compute(g.Forward(ForwardMode.Train, pool), [1, 2, 3, 4, 5, 6, 7, 8], g.OutputGrad);
        g.Backward(pool);
        opt.Step(0.1f);
        var g2 = Build();
        RoundTrip(g, g2, "graph"); // parameters, batch-norm running statistics, dropout steps
        RoundTrip(opt, new Sgd(g2.Parameters, 0.9, nesterov: false, 1e-4), "optimiser");
        Assert.Equal(1, ((Crossbar.Modules.Layers.Dropout)g2.Find(g2.Nodes[3].Name)).Steps);
    }

    [Fact]
    public void Training_position_round_trips_the_learning_curve_and_snapshots()
    {
        var result = new TrainingResult { BestTestAccuracy = 0.5, FinalTrainAccuracy = 0.25, Examples = 40, TrainSeconds = 1.5, WallSeconds = 2 };
        result.Points.Add(new EvaluationPoint(0, 0, double.NaN, double.NaN, 0.1, 2.3, 10, 0.01, 0.2, false));
        result.Points.Add(new EvaluationPoint(40, 1, 0.3, 1.9, 0.5, 1.2, 10, 0.005, 1.9, true));
        var snap = new Snapshot("after 10 images", 10, 3, 2);
        snap.Outputs[4] = 0.75f;
        snap.Labels[1] = 2;
        snap.SafetyMargins[0] = -0.5f;
        result.Snapshots.Add(snap);
        var position = new TrainingPosition { Epochs = 1, Examples = 40, Result = result, CorrectSince = 3, SeenSince = 7, LossSince = 0.125 };
        using var ms = new MemoryStream();
        position.Save(new BinaryWriter(ms));
        ms.Position = 0;
        var back = TrainingPosition.Load(new BinaryReader(ms));
        Assert.Equal(ms.Length, ms.Position);
        Assert.Equal((1, 40L, 3, 7, 0.125), (back.Epochs, back.Examples, back.CorrectSince, back.SeenSince, back.LossSince));
        Assert.Equal(result.Points, back.Result.Points); // records: NaN equals NaN
        Assert.Equal((0.5, 0.25, 40L, 1.5, 2.0), (back.Result.BestTestAccuracy, back.Result.FinalTrainAccuracy, back.Result.Examples, back.Result.TrainSeconds, back.Result.WallSeconds));
        var s = Assert.Single(back.Result.Snapshots);
        Assert.Equal((snap.Label, snap.Examples, snap.Classes), (s.Label, s.Examples, s.Classes));
        Assert.Equal(snap.Outputs, s.Outputs);
        Assert.Equal(snap.Labels, s.Labels);
        Assert.Equal(snap.SafetyMargins, s.SafetyMargins);
    }

    [Fact]
    public void Fingerprint_ignores_keys_that_do_not_change_the_numbers_and_names_the_one_that_does()
    {
        var a = ConfigFingerprint.Of(ExperimentLoader.FromText("name: a\ntraining: {learning_rate: 0.1}\n", "a.yaml"));
        var b = ConfigFingerprint.Of(ExperimentLoader.FromText(
            "name: b\ndescription: other\ntraining: {learning_rate: 0.1, threads: 1}\noutput: {plots: false, dir: x}\ndata: {path: y}\n", "b.yaml"));
        Assert.Equal(a.Hash, b.Hash);
        Assert.Null(a.Difference(b, "here", "there"));
        var c = ConfigFingerprint.Of(ExperimentLoader.FromText("training: {learning_rate: 0.2, epochs: 2}\n", "c.yaml"));
        Assert.NotEqual(a.Hash, c.Hash);
        Assert.Equal("training.epochs is 1 here but 2 there (1 more key differs)", a.Difference(c, "here", "there"));
        Assert.Equal(c.Hash, ConfigFingerprint.FromText(c.Text).Hash);
    }

    [Fact]
    public void Damaged_or_mismatched_checkpoints_are_one_line_errors_naming_the_file()
    {
        var config = ExperimentLoader.FromText("network: {layers: [20, 8, 5]}\n", "f.yaml");
        var net = NetworkBuilder.Build(config);
        var updates = new UpdatePipeline(config.Update, config.Network, net);
        string dir = CliHarness.TempDir();
        string path = RunCheckpoint.PathIn(dir);
        var position = new TrainingPosition { Epochs = 1, Examples = 60, Result = new TrainingResult() };
        RunCheckpoint.SaveMlp(dir, config, net, updates, position, 60, 20);
        var contents = CheckpointFile.Read(path);
        Assert.Equal((RunCheckpoint.Mlp, 1, 60L), (contents.Header.Network, contents.Header.Epochs, contents.Header.Examples));

        var wider = ExperimentLoader.FromText("network: {layers: [20, 9, 5]}\n", "w.yaml");
        var wideNet = NetworkBuilder.Build(wider);
        var e = Assert.Throws<CrossbarException>(() =>
            RunCheckpoint.LoadMlp(contents, wideNet, new UpdatePipeline(wider.Update, wider.Network, wideNet), 60, 20));
        Assert.Equal($"{path}: section layer0 does not fit this network: layer weights: 168 values saved but this network has 189", e.Message);
        e = Assert.Throws<CrossbarException>(() => RunCheckpoint.LoadMlp(contents, net, updates, 61, 20));
        Assert.Contains("61 and 20", e.Message);

        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(path, bytes);
        e = Assert.Throws<CrossbarException>(() => CheckpointFile.Read(path));
        Assert.StartsWith($"{path}: checksum mismatch", e.Message);
        File.WriteAllText(path, "not a checkpoint");
        e = Assert.Throws<CrossbarException>(() => CheckpointFile.Read(path));
        Assert.Contains("bad magic number", e.Message);
    }
}
