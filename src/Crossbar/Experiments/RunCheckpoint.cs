using Crossbar.Config;
using Crossbar.Modules;
using Crossbar.Network;
using Crossbar.Output;
using Crossbar.Persistence;
using Crossbar.Training;
using Crossbar.Training.Optim;
using Crossbar.Updates;

namespace Crossbar.Experiments;

/// <summary>
/// Checkpoints of <c>crossbar train</c> runs: <c>OUT/checkpoint.cbc</c> is written at every epoch end and deleted once
/// the run's outputs are written; a run started into a folder that holds one continues from it (after checking it was
/// made with the same configuration), so its final metrics.csv, model.cbm and summary.json equal an uninterrupted
/// run's, wall-clock values aside. Sections: "progress" (epochs, examples, learning curve so far), then an MLP's
/// "layer0", "layer1", … (weights, or tile devices, rule, RESET schedule and random streams) and "local_gains", or a
/// graph's "graph" (parameters, buffers, dropout streams) and "optimizer" (momentum velocities).
/// </summary>
public static class RunCheckpoint
{
    public const string Mlp = "mlp";
    public const string Graph = "graph";

    /// <summary>How a run into a folder starts.</summary>
    /// <param name="Contents">The checkpoint to continue from, or null to start from the beginning.</param>
    /// <param name="Completed">With <c>--resume</c>: the summary of the run the folder already holds complete.</param>
    public sealed record Start(CheckpointContents? Contents, RunSummary? Completed);

    public static string PathIn(string outDir) => Path.Combine(outDir, CheckpointFile.DefaultName);

    /// <summary>
    /// Decides how a run into <paramref name="outDir"/> starts: from its checkpoint when there is one (of this
    /// configuration, else a one-line error); with <paramref name="resume"/> and none, from the completed run the
    /// folder holds (nothing to do) or from the beginning.
    /// </summary>
    public static Start Open(ExperimentConfig config, string outDir, string sourceFile, bool resume, string network, IProgressSink progress)
    {
        string path = PathIn(outDir);
        RemoveTemporaryFiles(outDir);
        var fingerprint = ConfigFingerprint.Of(config);
        if (File.Exists(path))
        {
            var contents = CheckpointFile.Read(path);
            var h = contents.Header;
            string? diff = fingerprint.Difference(h.Config, $"in {sourceFile}", "in the checkpoint")
                ?? (h.Network != network ? $"it holds a {h.Network} network" : null);
            if (diff is not null)
            {
                throw new CrossbarException($"{path}: checkpoint of another configuration: {diff}; delete it to start again, or train into another --out");
            }
            if (h.CrossbarVersion != CrossbarVersion.Current)
            {
                progress.Message($"note: {path} was written by crossbar {h.CrossbarVersion}, this is {CrossbarVersion.Current}");
            }
            progress.Message($"resuming from {path}: {h.Epochs} of {h.TotalEpochs} epoch(s) done ({h.Examples:N0} examples)");
            return new Start(contents, null);
        }
        if (!resume)
        {
            return new Start(null, null);
        }
        string summary = Path.Combine(outDir, TrainingRun.SummaryFile), configFile = Path.Combine(outDir, TrainingRun.ConfigFile);
        if (File.Exists(summary) && File.Exists(configFile))
        {
            var earlier = ConfigFingerprint.Of(ExperimentLoader.FromText(File.ReadAllText(configFile), configFile));
            if (fingerprint.Difference(earlier, $"in {sourceFile}", $"in {configFile}") is { } diff)
            {
                throw new CrossbarException($"{outDir}: holds a completed run of another configuration: {diff}; train into another --out");
            }
            progress.Message($"{outDir}: the run is already complete (no checkpoint left to resume); its results stand");
            return new Start(null, RunSummary.Load(summary));
        }
        progress.Message($"no checkpoint in {outDir}: starting from the beginning");
        return new Start(null, null);
    }

    public static void SaveMlp(string outDir, ExperimentConfig config, Mlp network, UpdatePipeline updates, TrainingPosition position,
                               int trainCount, int testCount)
    {
        var sections = new List<(string, Action<BinaryWriter>)> { ("progress", position.Save) };
        for (int l = 0; l < network.Layers.Count; l++)
        {
            sections.Add(($"layer{l}", State(network.Layers[l]).SaveState));
        }
        if (updates.LocalGains is { } lg)
        {
            sections.Add(("local_gains", lg.SaveState));
        }
        CheckpointFile.Save(PathIn(outDir), Header(Mlp, config, position, trainCount, testCount), sections);
    }

    /// <summary>Loads an MLP checkpoint into a freshly built network and rule; returns where training continues.</summary>
    public static TrainingPosition LoadMlp(CheckpointContents contents, Mlp network, UpdatePipeline updates, int trainCount, int testCount)
    {
        var names = new List<string> { "progress" };
        names.AddRange(Enumerable.Range(0, network.Layers.Count).Select(l => $"layer{l}"));
        if (updates.LocalGains is not null)
        {
            names.Add("local_gains");
        }
        CheckSections(contents, names, trainCount, testCount);
        var position = ReadPosition(contents);
        for (int l = 0; l < network.Layers.Count; l++)
        {
            contents.Load($"layer{l}", State(network.Layers[l]).LoadState);
        }
        if (updates.LocalGains is { } lg)
        {
            contents.Load("local_gains", lg.LoadState);
        }
        return position;
    }

    public static void SaveGraph(string outDir, ExperimentConfig config, Graph graph, Sgd optimizer, TrainingPosition position,
                                 int trainCount, int testCount) =>
        CheckpointFile.Save(PathIn(outDir), Header(Graph, config, position, trainCount, testCount),
            [("progress", position.Save), ("graph", graph.SaveState), ("optimizer", optimizer.SaveState)]);

    public static TrainingPosition LoadGraph(CheckpointContents contents, Graph graph, Sgd optimizer, int trainCount, int testCount)
    {
        CheckSections(contents, ["progress", "graph", "optimizer"], trainCount, testCount);
        var position = ReadPosition(contents);
        contents.Load("graph", graph.LoadState);
        contents.Load("optimizer", optimizer.LoadState);
        return position;
    }

    /// <summary>Removes the checkpoint once the run's outputs are all written: the run folder is then final.</summary>
    public static void Complete(string outDir) => File.Delete(PathIn(outDir));

    private static CheckpointHeader Header(string network, ExperimentConfig config, TrainingPosition p, int trainCount, int testCount) =>
        new(network, ConfigFingerprint.Of(config), p.Epochs, config.Training.Epochs, p.Examples, trainCount, testCount, CrossbarVersion.Current);

    private static ICheckpointState State(ILayer layer) =>
        layer as ICheckpointState ?? throw new CrossbarException($"a {layer.GetType().Name} cannot be saved in a checkpoint");

    private static void CheckSections(CheckpointContents contents, IReadOnlyList<string> expected, int trainCount, int testCount)
    {
        var h = contents.Header;
        if (h.TrainCount != trainCount || h.TestCount != testCount)
        {
            throw new CrossbarException($"{contents.Path}: checkpoint of a run on {h.TrainCount} training and {h.TestCount} test images, but the data gives {trainCount} and {testCount}; delete it to start again");
        }
        if (contents.SectionNames.FirstOrDefault(n => !expected.Contains(n)) is { } extra)
        {
            throw new CrossbarException($"{contents.Path}: section {extra} matches nothing in this network");
        }
    }

    private static TrainingPosition ReadPosition(CheckpointContents contents)
    {
        TrainingPosition? position = null;
        contents.Load("progress", r => position = TrainingPosition.Load(r));
        return position!;
    }

    /// <summary>Temporary files of atomic writes cut off by a kill.</summary>
    private static void RemoveTemporaryFiles(string outDir)
    {
        if (!Directory.Exists(outDir))
        {
            return;
        }
        foreach (var f in Directory.EnumerateFiles(outDir, $".{CheckpointFile.DefaultName}.*.tmp"))
        {
            File.Delete(f);
        }
    }
}
