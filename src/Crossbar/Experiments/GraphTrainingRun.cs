using Crossbar.Config;
using Crossbar.Data;
using Crossbar.Import.Onnx;
using Crossbar.Modules;
using Crossbar.Output;
using Crossbar.Persistence;
using Crossbar.Training;

namespace Crossbar.Experiments;

/// <summary>
/// A run of a graph network (family resnet, lenet5 or custom): load the images, build the graph, train with
/// mini-batch SGD, and write the same run folder as <see cref="TrainingRun"/> (config.yaml, metrics.csv,
/// summary.json, model.cbm, accuracy plot).
/// </summary>
public static class GraphTrainingRun
{
    /// <param name="resume">See <see cref="TrainingRun.Execute"/>.</param>
    public static RunSummary Execute(ExperimentConfig config, string outDir, string? dataFolder, string sourceFile,
        IProgressSink? progress = null, CancellationToken cancel = default, bool resume = false, bool checkpoints = true)
    {
        progress ??= NullProgress.Instance;
        CheckTrainingKeys(config, sourceFile);
        var start = checkpoints ? RunCheckpoint.Open(config, outDir, sourceFile, resume, RunCheckpoint.Graph, progress) : new(null, null);
        if (start.Completed is { } completed)
        {
            return completed;
        }
        Directory.CreateDirectory(outDir);
        AtomicFile.WriteAllText(Path.Combine(outDir, TrainingRun.ConfigFile),
            ConfigWriter.ToYaml(config, $"Resolved configuration of {sourceFile} (every key, defaults included).\nRe-run with: crossbar train {Path.Combine(outDir, TrainingRun.ConfigFile)}"));

        var data = ImageSetLoader.Load(config.Data, dataFolder);
        progress.Message($"data: {data.Description}");
        var graph = Build(config, data.Train, sourceFile);
        var t = config.Training;
        var (train, test) = Batchers(config, data);
        var trainer = new GraphTrainer(config, graph, train, test, progress);
        progress.Message($"network: {ConfigNaming.EnumName(config.Network.Family)}, {graph.Nodes.Count} modules, {graph.ParameterCount:N0} parameters, " +
                         $"{graph.MacsPerExample / 1e6:F1} M MACs per image; {t.Epochs} epoch(s), batch {t.BatchSize}, η = {t.LearningRate}, {trainer.Threads} thread(s)");
        int trainCount = data.Train.Count, testCount = data.Test.Count;
        var position = start.Contents is { } c ? RunCheckpoint.LoadGraph(c, graph, trainer.Optimizer, trainCount, testCount) : null;
        if (checkpoints)
        {
            trainer.EpochEnded = p => RunCheckpoint.SaveGraph(outDir, config, graph, trainer.Optimizer, p, trainCount, testCount);
        }
        var result = trainer.Run(cancel, position);

        TrainingRun.WriteMetrics(result, Path.Combine(outDir, TrainingRun.MetricsFile));
        if (config.Output.SaveModel)
        {
            GraphModelFile.Save(Path.Combine(outDir, ModelFile.DefaultName), config, graph);
        }
        var summary = Summarize(config, result, data, graph, trainer.Threads, sourceFile);
        summary.Save(Path.Combine(outDir, TrainingRun.SummaryFile));
        if (config.Output.Plots)
        {
            TrainingPlots.Write(config, result, outDir);
        }
        if (checkpoints)
        {
            RunCheckpoint.Complete(outDir);
        }
        return summary;
    }

    /// <summary>The graph for this config and the images' shape and classes.</summary>
    public static Graph Build(ExperimentConfig config, ImageSet images, string sourceFile) =>
        OnnxNetwork.Build(config.Network, new Shape(images.Channels, images.Height, images.Width), images.Classes, config.Seed, sourceFile);

    /// <summary>Batchers for training (with the configured augmentation) and testing (none), both normalised as configured.</summary>
    public static (ImageBatcher Train, ImageBatcher Test) Batchers(ExperimentConfig config, ImageSplit data)
    {
        var norm = ImageSetLoader.Normalization(config.Data);
        var augmentation = ImageSetLoader.Augmentation(config.Data);
        return (new ImageBatcher(data.Train, norm, augmentation, config.Seed),
                new ImageBatcher(data.Test, norm, null, config.Seed));
    }

    /// <summary>Device-aware sections and MLP-only keys do not apply to graph networks yet: say so rather than ignore them.</summary>
    private static void CheckTrainingKeys(ExperimentConfig config, string source)
    {
        if (config.Device is not null || config.Tile is not null)
        {
            throw new CrossbarException($"{source}: device/tile: analog tiles are not yet available for graph networks (family {ConfigNaming.EnumName(config.Network.Family)}); remove the device and tile sections, or use family mlp");
        }
        if (config.Update is not SgdUpdateConfig || config.Update.LocalGains.Enabled)
        {
            throw new CrossbarException($"{source}: update: graph networks train with rule sgd (momentum, weight decay in training); device-aware rules need family mlp");
        }
        if (config.Evaluation.Snapshots.Count > 0)
        {
            throw new CrossbarException($"{source}: evaluation.snapshots: Safety Margin snapshots are recorded for family mlp only");
        }
    }

    public static RunSummary Summarize(ExperimentConfig config, TrainingResult result, ImageSplit data, Graph graph, int threads, string sourceFile)
    {
        var s = new RunSummary
        {
            ["name"] = config.Name,
            ["config_file"] = sourceFile,
            ["crossbar_version"] = CrossbarVersion.Current,
            ["seed"] = config.Seed,
            ["network"] = ConfigNaming.EnumName(config.Network.Family),
            ["parameters"] = graph.ParameterCount,
            ["macs_per_image"] = graph.MacsPerExample,
            ["test_accuracy"] = result.FinalTestAccuracy,
            ["best_test_accuracy"] = result.BestTestAccuracy,
            ["final_train_accuracy"] = result.FinalTrainAccuracy,
            ["test_loss"] = result.FinalTestLoss,
            ["examples"] = result.Examples,
            ["epochs"] = config.Training.Epochs,
            ["train_count"] = data.Train.Count,
            ["test_count"] = data.Test.Count,
            ["threads"] = threads,
            ["examples_per_second"] = Math.Round(result.ExamplesPerSecond, 1),
            ["train_seconds"] = Math.Round(result.TrainSeconds, 3),
            ["wall_seconds"] = Math.Round(result.WallSeconds, 3),
        };
        var (lo, hi) = result.FluctuationBand(config.Evaluation.FluctuationWindow);
        s["fluctuation_min"] = lo;
        s["fluctuation_max"] = hi;
        return s;
    }
}
