using Crossbar.Config;
using Crossbar.Data;
using Crossbar.Network;
using Crossbar.Numerics;
using Crossbar.Output;
using Crossbar.Persistence;
using Crossbar.Training;

namespace Crossbar.Experiments;

/// <summary>
/// One complete run of an experiment file: load data, build the network, train, and write the run folder
/// (config.yaml with every resolved value, metrics.csv, summary.json, plots). Used by <c>crossbar train</c> and by sweeps.
/// </summary>
public static class TrainingRun
{
    public const string ConfigFile = "config.yaml";
    public const string MetricsFile = "metrics.csv";
    public const string SummaryFile = "summary.json";

    public static string ResolveOutputDir(ExperimentConfig config, string? outOverride) =>
        outOverride ?? config.Output.Dir ?? Path.Combine("runs", config.Name);

    /// <param name="loadData">Loads the data (default <see cref="DatasetLoader.Load(DataConfig, string?, ulong)"/>); sweeps pass a cache.</param>
    /// <param name="resume">
    /// <c>--resume</c>: as without it, a checkpoint in <paramref name="outDir"/> is continued from; with none, a completed
    /// run of this configuration there is left as it is (its summary is returned), else the run starts from the beginning.
    /// </param>
    /// <param name="checkpoints">Write <see cref="RunCheckpoint"/>s (sweeps, which rerun a cut-off point whole, do not).</param>
    public static RunSummary Execute(ExperimentConfig config, string outDir, string? dataFolder, string sourceFile,
                                     IProgressSink? progress = null, CancellationToken cancel = default,
                                     Func<DataConfig, string?, ulong, DataSplit>? loadData = null,
                                     bool resume = false, bool checkpoints = true)
    {
        if (config.Network.IsGraph)
        {
            return GraphTrainingRun.Execute(config, outDir, dataFolder, sourceFile, progress, cancel, resume, checkpoints);
        }
        CheckMlpTrainingKeys(config, sourceFile);
        progress ??= NullProgress.Instance;
        var start = checkpoints ? RunCheckpoint.Open(config, outDir, sourceFile, resume, RunCheckpoint.Mlp, progress) : new(null, null);
        if (start.Completed is { } completed)
        {
            return completed;
        }
        Directory.CreateDirectory(outDir);
        AtomicFile.WriteAllText(Path.Combine(outDir, ConfigFile),
            ConfigWriter.ToYaml(config, $"Resolved configuration of {sourceFile} (every key, defaults included).\nRe-run with: crossbar train {Path.Combine(outDir, ConfigFile)}"));

        var data = (loadData ?? DatasetLoader.Load)(config.Data, dataFolder, config.Seed);
        progress.Message($"data: {data.Description}");
        var network = NetworkBuilder.Build(config, BaseDirectory(sourceFile));
        string kind = config.Device is null ? "float" : $"{config.Device.ModelName} devices, rule {ConfigBinder.VariantName(config.Update.GetType())}";
        progress.Message($"network: {string.Join('-', config.Network.Layers)} {kind}, {config.Training.Epochs} epoch(s), batch {config.Training.BatchSize}, η = {config.Training.LearningRate}");

        var trainer = new Trainer(config, network, data, progress);
        var position = start.Contents is { } c ? RunCheckpoint.LoadMlp(c, network, trainer.Updates, data.Train.Count, data.Test.Count) : null;
        if (checkpoints)
        {
            trainer.EpochEnded = p => RunCheckpoint.SaveMlp(outDir, config, network, trainer.Updates, p, data.Train.Count, data.Test.Count);
        }
        var result = trainer.Run(cancel, position);
        AddDeviceMetrics(network, result);

        WriteMetrics(result, Path.Combine(outDir, MetricsFile));
        WriteSnapshots(result, outDir);
        if (config.Output.SaveModel)
        {
            ModelFile.Save(Path.Combine(outDir, ModelFile.DefaultName), config, network);
        }
        var summary = Summarize(config, result, data, sourceFile);
        summary.Save(Path.Combine(outDir, SummaryFile));
        if (config.Output.Plots)
        {
            TrainingPlots.Write(config, result, outDir);
        }
        if (trainer.Updates.LocalGains is { } lg)
        {
            LocalGainsReport.Write(lg, config, outDir);
        }
        if (checkpoints)
        {
            RunCheckpoint.Complete(outDir);
        }
        return summary;
    }

    /// <summary>Keys the online MLP trainer does not read are refused rather than ignored.</summary>
    private static void CheckMlpTrainingKeys(ExperimentConfig config, string source)
    {
        var t = config.Training;
        string? key = t.Momentum != 0 ? "momentum" : t.Nesterov ? "nesterov" : t.WeightDecay != 0 ? "weight_decay"
            : t.WarmupEpochs != 0 ? "warmup_epochs" : t.Threads != 0 ? "threads" : null;
        if (key is not null)
        {
            throw new CrossbarException($"{source}: training.{key} applies to graph networks (network.family resnet, lenet5 or custom); family mlp trains with plain SGD on one thread — remove the key");
        }
        if (config.Data.Dataset == DatasetName.Cifar10)
        {
            throw new CrossbarException($"{source}: data.dataset cifar10 needs a graph network (network.family resnet, lenet5 or custom)");
        }
    }

    /// <summary>Folder experiment-relative paths (jump-table CSVs) resolve against.</summary>
    public static string? BaseDirectory(string sourceFile) =>
        File.Exists(sourceFile) ? Path.GetDirectoryName(Path.GetFullPath(sourceFile)) : null;

    /// <summary>SET/RESET pulse counts and energy of every tile (000 §VI: energy = counts × energy per pulse).</summary>
    public static void AddDeviceMetrics(Mlp network, TrainingResult result)
    {
        var tiles = network.AnalogLayers.ToList();
        if (tiles.Count == 0)
        {
            return;
        }
        long set = 0, reset = 0;
        double setPj = 0, resetPj = 0;
        long synapseResets = 0, saturations = 0;
        foreach (var a in tiles)
        {
            var d = a.Tile.Devices;
            long s = d.TotalSetPulses, r = d.TotalResetPulses;
            set += s;
            reset += r;
            setPj += s * d.SetEnergyPj;
            resetPj += r * d.ResetEnergyPj;
            synapseResets += a.Reset?.SynapsesReset ?? 0;
            saturations += (a.Rule as Updates.SignStepRule)?.SaturationEvents ?? 0;
        }
        result.Extra["set_pulses"] = set;
        result.Extra["reset_pulses"] = reset;
        result.Extra["set_energy_joules"] = setPj * 1e-12;
        result.Extra["reset_energy_joules"] = resetPj * 1e-12;
        result.Extra["energy_joules"] = (setPj + resetPj) * 1e-12;
        result.Extra["synapse_resets"] = synapseResets;
        if (tiles.Any(a => a.Rule is Updates.SignStepRule))
        {
            result.Extra["saturation_events"] = saturations; // 002 Fig. 2: steps that needed method a, b or c
        }
        result.Extra["devices"] = tiles.Sum(a => (long)a.Tile.Devices.Count);
    }

    public static RunSummary Summarize(ExperimentConfig config, TrainingResult result, DataSplit data, string sourceFile)
    {
        var s = new RunSummary
        {
            ["name"] = config.Name,
            ["config_file"] = sourceFile,
            ["crossbar_version"] = CrossbarVersion.Current,
            ["seed"] = config.Seed,
            ["test_accuracy"] = result.FinalTestAccuracy,
            ["best_test_accuracy"] = result.BestTestAccuracy,
            ["final_train_accuracy"] = result.FinalTrainAccuracy,
            ["test_loss"] = result.FinalTestLoss,
            ["examples"] = result.Examples,
            ["epochs"] = config.Training.Epochs,
            ["train_count"] = data.Train.Count,
            ["test_count"] = data.Test.Count,
            ["examples_per_second"] = Math.Round(result.ExamplesPerSecond, 1),
            ["train_seconds"] = Math.Round(result.TrainSeconds, 3),
            ["wall_seconds"] = Math.Round(result.WallSeconds, 3),
        };
        var (lo, hi) = result.FluctuationBand(config.Evaluation.FluctuationWindow);
        s["fluctuation_min"] = lo;
        s["fluctuation_max"] = hi;
        foreach (var snap in result.Snapshots)
        {
            s[$"safety_margin_median[{snap.Label}]"] = (double)Statistics.Median<float>(snap.SafetyMargins);
        }
        foreach (var (k, v) in result.Extra)
        {
            s[k] = v;
        }
        return s;
    }

    /// <summary>safety_margin.csv: one row per snapshot and test image (000 Fig. 19's data).</summary>
    public static void WriteSnapshots(TrainingResult result, string outDir)
    {
        if (result.Snapshots.Count == 0)
        {
            return;
        }
        var t = new CsvTable("snapshot", "examples", "image", "label", "predicted", "safety_margin");
        foreach (var snap in result.Snapshots)
        {
            for (int i = 0; i < snap.Labels.Length; i++)
            {
                var y = snap.Outputs.AsSpan(i * snap.Classes, snap.Classes);
                t.Add(snap.Label, snap.Examples, i, snap.Labels[i], System.Numerics.Tensors.TensorPrimitives.IndexOfMax(y), snap.SafetyMargins[i]);
            }
        }
        t.Save(Path.Combine(outDir, "safety_margin.csv"));
    }

    public static void WriteMetrics(TrainingResult result, string path)
    {
        var t = new CsvTable("examples", "epoch", "train_accuracy", "train_loss", "test_accuracy", "test_loss",
                             "test_count", "learning_rate", "wall_seconds", "epoch_end");
        foreach (var p in result.Points)
        {
            t.Add(p.Examples, Math.Round(p.Epoch, 6), p.TrainAccuracy, p.TrainLoss, p.TestAccuracy, p.TestLoss,
                  p.TestCount, p.LearningRate, Math.Round(p.WallSeconds, 3), p.EpochEnd ? 1 : 0);
        }
        t.Save(path);
    }
}
