using Crossbar.Config;
using Crossbar.Data;
using Crossbar.Import.Onnx;
using Crossbar.Inference;
using Crossbar.Modules;
using Crossbar.Output;
using Crossbar.Persistence;
using Crossbar.Training;

namespace Crossbar.Experiments;

/// <summary>
/// <c>crossbar infer</c> for graph networks (CNNs): get the trained float graph (a model file, or train one inline),
/// optionally a hardware-aware one, map them onto analog tiles (<see cref="AnalogGraph"/>) and run the drift study.
/// Writes config.yaml, drift.csv, drift_summary.csv, plots and summary.json.
/// </summary>
public static class GraphInferenceRun
{
    public static RunSummary Execute(ExperimentConfig config, string outDir, string? dataFolder, string? modelPath, string sourceFile,
                                     IProgressSink progress, CancellationToken cancel)
    {
        var inference = config.Inference!;
        if (inference.Variation is not null || inference.NoisyInputs is not null)
        {
            throw new CrossbarException($"{sourceFile}: inference.variation and inference.noisy_inputs are studies of family mlp; graph networks run the drift study");
        }
        if (inference.Drift is null)
        {
            throw new CrossbarException($"{sourceFile}: inference: graph networks need the drift study (inference.drift)");
        }
        Directory.CreateDirectory(outDir);
        var wall = System.Diagnostics.Stopwatch.StartNew();
        var data = ImageSetLoader.Load(config.Data, dataFolder);
        progress.Message($"data: {data.Description}");

        string? model = modelPath ?? inference.Model;
        if (model is null)
        {
            var floatConfig = ConfigCopy.Of(config);
            floatConfig.Inference = null;
            floatConfig.Output.SaveModel = true;
            string trainDir = Path.Combine(outDir, "train-float");
            progress.Message($"no model given: training the float network into {trainDir}");
            GraphTrainingRun.Execute(floatConfig, trainDir, dataFolder, sourceFile, progress, cancel);
            model = Path.Combine(trainDir, ModelFile.DefaultName);
        }
        var imageShape = new Shape(data.Test.Channels, data.Test.Height, data.Test.Width);
        var (trained, graph) = LoadModel(model, config, imageShape, data.Test.Classes, sourceFile);
        if (graph.InputShape != imageShape)
        {
            throw new CrossbarException($"{model}: the network takes {graph.InputShape} images but data.dataset gives {imageShape}");
        }
        config.Network = trained.Network;
        progress.Message($"model: {model} ({ConfigNaming.EnumName(trained.Network.Family)}, {graph.ParameterCount:N0} parameters, trained by '{trained.Name}')");
        string resolved = ConfigWriter.ToYaml(config, $"Resolved configuration of {sourceFile} (every key, defaults included).\nRe-run with: crossbar infer {Path.Combine(outDir, TrainingRun.ConfigFile)} --model {model}");
        string configPath = Path.Combine(outDir, TrainingRun.ConfigFile);
        string rawPath = Path.Combine(outDir, DriftStudy.RawFile);
        if (File.Exists(rawPath) && (!File.Exists(configPath) || File.ReadAllText(configPath) != resolved))
        {
            // Evaluations of another configuration are not this run's: the drift study resumes only its own.
            progress.Message($"{outDir}: the configuration changed since {rawPath} was written; starting the drift study over");
            File.Delete(rawPath);
        }
        AtomicFile.WriteAllText(configPath, resolved);

        var (train, test) = GraphTrainingRun.Batchers(config, data);
        using var pool = new WorkerPool(config.Training.Threads > 0 ? config.Training.Threads : WorkerPool.DefaultThreads);
        var s = new RunSummary
        {
            ["name"] = config.Name,
            ["config_file"] = sourceFile,
            ["crossbar_version"] = CrossbarVersion.Current,
            ["model_file"] = model,
            ["seed"] = config.Seed,
            ["repeats"] = inference.Repeats,
            ["test_count"] = data.Test.Count,
            ["mapping"] = ConfigNaming.EnumName(inference.Mapping.Method),
            ["noise_model"] = inference.PcmNoise is null ? "none" : "pcm_like",
            ["float_test_accuracy"] = GraphEvaluator.Evaluate(graph, test, pool).Accuracy,
        };
        progress.Message($"float network: test accuracy {s.GetDouble("float_test_accuracy"):P2}");
        var networks = new List<(string, Graph)> { ("direct", graph) };
        if (inference.HardwareAware is { } h)
        {
            var hwa = GraphHardwareAware.Train(config, h, model, data, Path.Combine(outDir, "train-hardware-aware"), progress, cancel);
            s["hardware_aware_float_test_accuracy"] = GraphEvaluator.Evaluate(hwa, test, pool).Accuracy;
            networks.Add(("hardware_aware", hwa));
        }
        GraphDriftStudy.Run(config, new GraphDriftStudy.Sources(networks, test, pool) { FloatAccuracy = s.GetDouble("float_test_accuracy") }, outDir, s, progress, cancel);
        if (config.Output.Plots)
        {
            InferencePlots.Write(outDir, config.Name);
        }
        s["wall_seconds"] = Math.Round(wall.Elapsed.TotalSeconds, 3);
        s.Save(Path.Combine(outDir, TrainingRun.SummaryFile));
        return s;
    }

    /// <summary>
    /// The trained float graph: a Crossbar model file, an ONNX file (imported), or a tensor manifest (<c>*_manifest.json</c>, its float32 weights
    /// beside it as <c>*_f32le.bin</c> or <c>*.bin</c>) of a network trained elsewhere, built as <c>network</c> in the
    /// experiment file describes (../shared/models/resnet20-cifar10).
    /// </summary>
    public static (ExperimentConfig Config, Graph Graph) LoadModel(string model, ExperimentConfig config, Shape imageShape, int classes, string sourceFile)
    {
        if (model.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
        {
            var onnx = ConfigCopy.Of(config);
            onnx.Network = new NetworkConfig { Family = NetworkFamily.Onnx, Onnx = model };
            onnx.Name = $"{Path.GetFileName(model)} (imported)";
            return (onnx, OnnxNetwork.Build(onnx.Network, imageShape, classes, config.Seed, sourceFile));
        }
        if (!model.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return GraphModelFile.Load(model);
        }
        if (!File.Exists(model))
        {
            throw new CrossbarException($"{sourceFile}: inference.model: {model} does not exist");
        }
        string stem = model[..^".json".Length];
        string[] candidates = [stem.EndsWith("_manifest", StringComparison.Ordinal) ? stem[..^"_manifest".Length] + "_f32le.bin" : stem + "_f32le.bin", stem + ".bin"];
        string bin = candidates.FirstOrDefault(File.Exists)
            ?? throw new CrossbarException($"{model}: no weights file beside the manifest (looked for {string.Join(" and ", candidates.Select(Path.GetFileName))})");
        if (!config.Network.IsGraph)
        {
            throw new CrossbarException($"{sourceFile}: network: a tensor manifest needs a graph network (family resnet or lenet5, or layers of modules) to load into");
        }
        var graph = OnnxNetwork.Build(config.Network, imageShape, classes, config.Seed, sourceFile);
        TensorManifest.Load(graph, model, bin);
        var trained = ConfigCopy.Of(config);
        trained.Name = $"{Path.GetFileName(model)} (third party)";
        return (trained, graph);
    }
}
