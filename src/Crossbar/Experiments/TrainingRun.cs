using Crossbar.Config;
using Crossbar.Data;
using Crossbar.Network;
using Crossbar.Output;
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
    public static RunSummary Execute(ExperimentConfig config, string outDir, string? dataFolder, string sourceFile,
                                     IProgressSink? progress = null, CancellationToken cancel = default,
                                     Func<DataConfig, string?, ulong, DataSplit>? loadData = null)
    {
        progress ??= NullProgress.Instance;
        Directory.CreateDirectory(outDir);
        AtomicFile.WriteAllText(Path.Combine(outDir, ConfigFile),
            ConfigWriter.ToYaml(config, $"Resolved configuration of {sourceFile} (every key, defaults included).\nRe-run with: crossbar train {Path.Combine(outDir, ConfigFile)}"));

        var data = (loadData ?? DatasetLoader.Load)(config.Data, dataFolder, config.Seed);
        progress.Message($"data: {data.Description}");
        var network = NetworkBuilder.BuildFloat(config.Network, config.Seed);
        progress.Message($"network: {string.Join('-', config.Network.Layers)} float, {config.Training.Epochs} epoch(s), batch {config.Training.BatchSize}, η = {config.Training.LearningRate}");

        var result = new Trainer(config, network, data, progress).Run(cancel);

        WriteMetrics(result, Path.Combine(outDir, MetricsFile));
        var summary = Summarize(config, result, data, sourceFile);
        summary.Save(Path.Combine(outDir, SummaryFile));
        if (config.Output.Plots)
        {
            TrainingPlots.Write(config, result, outDir);
        }
        return summary;
    }

    public static RunSummary Summarize(ExperimentConfig config, TrainingResult result, DataSplit data, string sourceFile)
    {
        var s = new RunSummary
        {
            ["name"] = config.Name,
            ["config_file"] = sourceFile,
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
        foreach (var (k, v) in result.Extra)
        {
            s[k] = v;
        }
        return s;
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
