using Crossbar.Config;
using Crossbar.Data;
using Crossbar.Inference;
using Crossbar.Modules;
using Crossbar.Modules.Layers;
using Crossbar.Output;
using Crossbar.Persistence;
using Crossbar.Tiles;
using Crossbar.Training;

namespace Crossbar.Experiments;

/// <summary>
/// Hardware-aware training of a graph network (004 Fig. 4 "custom training"): fine-tunes the FP32 model (or trains
/// from scratch) with <see cref="WeightNoiseHook"/> through the ordinary <see cref="GraphTrainer"/>, then clips once
/// more. Writes metrics.csv (test accuracy without noise) and model.cbm into its folder; resumes from its checkpoint.
/// </summary>
public static class GraphHardwareAware
{
    public static Graph Train(ExperimentConfig config, HardwareAwareConfig hwa, string model, ImageSplit data, string outDir,
                              IProgressSink progress, CancellationToken cancel)
    {
        string modelOut = Path.Combine(outDir, ModelFile.DefaultName);
        var trainConfig = ConfigCopy.Of(config);
        trainConfig.Inference = null;
        trainConfig.Name = $"{config.Name}-hardware-aware";
        trainConfig.Training.Epochs = hwa.Epochs ?? config.Training.Epochs;
        trainConfig.Training.LearningRate = hwa.LearningRate ?? config.Training.LearningRate;
        var graph = hwa.FineTune ? GraphInferenceRun.LoadModel(model, config, new Shape(data.Train.Channels, data.Train.Height, data.Train.Width), data.Train.Classes, config.Name).Graph : GraphTrainingRun.Build(trainConfig, data.Train, "hardware-aware");
        var (train, test) = GraphTrainingRun.Batchers(trainConfig, data);
        var (trainGraph, analog) = hwa.Periphery ? ThroughPeriphery(config, graph) : (graph, []);
        var trainer = new GraphTrainer(trainConfig, trainGraph, train, test, progress);
        int clipSteps = Math.Max(1, hwa.ClipEvery / trainConfig.Training.BatchSize);
        var hook = new WeightNoiseHook(graph, hwa.WeightNoise, hwa.MultiplicativeNoise, hwa.Clip, clipSteps, trainConfig.Seed);
        trainer.Hook = hwa.Periphery ? new PeripheryTrainingHook(analog, trainConfig.Seed, hook) : hook;
        Directory.CreateDirectory(outDir);
        int trainCount = data.Train.Count, testCount = data.Test.Count;
        var start = RunCheckpoint.Open(trainConfig, outDir, Path.Combine(outDir, TrainingRun.ConfigFile), resume: true, RunCheckpoint.Graph, progress);
        if (start.Completed is not null && File.Exists(modelOut))
        {
            progress.Message($"hardware-aware network: reusing {modelOut}");
            return GraphModelFile.Load(modelOut).Graph;
        }
        AtomicFile.WriteAllText(Path.Combine(outDir, TrainingRun.ConfigFile),
            ConfigWriter.ToYaml(trainConfig, $"Hardware-aware training of {config.Name} (fine-tuning: {hwa.FineTune}); written by crossbar infer."));
        var position = start.Contents is { } c ? RunCheckpoint.LoadGraph(c, graph, trainer.Optimizer, trainCount, testCount) : null;
        trainer.EpochEnded = p => RunCheckpoint.SaveGraph(outDir, trainConfig, graph, trainer.Optimizer, p, trainCount, testCount);
        progress.Message($"hardware-aware training ({(hwa.FineTune ? "fine-tuning the FP32 model" : "from scratch")}): additive weight noise {hwa.WeightNoise} × max|w|" +
                         $"{(hwa.MultiplicativeNoise > 0 ? $", multiplicative {hwa.MultiplicativeNoise}" : "")}, clip {(hwa.Clip > 0 ? $"±{hwa.Clip}σ" : "off")}, " +
                         $"{(hwa.Periphery ? $"through the forward periphery on {analog.Sum(a => a.Grid.Tiles.Count)} tiles, " : "")}{hook.Layers} layers, {trainConfig.Training.Epochs} epoch(s) at η = {trainConfig.Training.LearningRate}");
        var result = trainer.Run(cancel, position);
        hook.Finish();
        TrainingRun.WriteMetrics(result, Path.Combine(outDir, TrainingRun.MetricsFile));
        GraphModelFile.Save(modelOut, trainConfig, graph);
        GraphTrainingRun.Summarize(trainConfig, result, data, graph, trainer.Threads, "hardware-aware").Save(Path.Combine(outDir, TrainingRun.SummaryFile));
        RunCheckpoint.Complete(outDir);
        return graph;
    }

    /// <summary>
    /// The graph with every Conv2d and Linear on straight-through tile grids (the mapping's tile size, inference.forward's
    /// periphery); the float layers, shared with <paramref name="graph"/>, are what trains.
    /// </summary>
    internal static (Graph Graph, IReadOnlyList<IAnalogModule> Layers) ThroughPeriphery(ExperimentConfig config, Graph graph)
    {
        var inference = config.Inference ?? new InferenceConfig();
        var periphery = new Periphery(inference.Forward);
        var device = new IdealDeviceConfig();   // never pulsed or read: the grid holds the float weights (LoadMatrix)
        var layers = new List<IAnalogModule>();
        var converted = graph.Convert(node =>
        {
            IAnalogModule? analog = node.Module switch
            {
                Conv2d c => new AnalogConv2d(c, new TileGrid(c.Fan, c.OutChannels, inference.Mapping.TileRows, inference.Mapping.TileColumns, device, new TileConfig(), periphery, config.Seed, layers.Count * 64)),
                Linear l => new AnalogLinear(l, new TileGrid(l.InFeatures, l.OutFeatures, inference.Mapping.TileRows, inference.Mapping.TileColumns, device, new TileConfig(), periphery, config.Seed, layers.Count * 64)),
                _ => null,
            };
            if (analog is null)
            {
                return null;
            }
            analog.StraightThrough = true;
            layers.Add(analog);
            return (Module)analog;
        });
        return (converted, layers);
    }
}
