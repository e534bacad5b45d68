using Crossbar.Config;
using Crossbar.Experiments;
using Crossbar.Network;
using Crossbar.Output;
using Crossbar.Persistence;
using Crossbar.Training;

namespace Crossbar.Inference;

/// <summary>
/// One <c>crossbar infer</c> run: get the trained float network (a model file, or train one inline from the file's
/// training sections), optionally a hardware-aware one, then run every study of the inference section and write
/// config.yaml, the studies' CSVs, plots, mapped.cbm (repeat 0's programmed devices) and summary.json.
/// </summary>
public static class InferenceRun
{
    public const string MappedModelFile = "mapped.cbm";

    public static RunSummary Execute(ExperimentConfig config, string outDir, string? dataFolder, string? modelPath, string sourceFile,
                                     IProgressSink? progress = null, CancellationToken cancel = default)
    {
        progress ??= NullProgress.Instance;
        _ = config.Inference
            ?? throw new CrossbarException($"{sourceFile}: has no inference section; add one with a study (drift, variation or noisy_inputs)");
        if (config.Network.IsGraph)
        {
            return GraphInferenceRun.Execute(config, outDir, dataFolder, modelPath, sourceFile, progress, cancel);
        }
        var inference = config.Inference;
        Directory.CreateDirectory(outDir);
        var wall = System.Diagnostics.Stopwatch.StartNew();

        var data = new DataCache(config.Data, dataFolder);
        var split = data.Prepare(config.Data, config.Seed);
        progress.Message($"data: {split.Description}");

        string? model = modelPath ?? inference.Model;
        Mlp network;
        if (model is not null)
        {
            (var trained, network) = ModelFile.Load(model);
            if (!trained.Network.Layers.SequenceEqual(config.Network.Layers))
            {
                throw new CrossbarException(
                    $"{model}: the model's network is {string.Join('-', trained.Network.Layers)} but {sourceFile} network.layers is {string.Join('-', config.Network.Layers)}; use the matching model or fix network.layers");
            }
            config.Network = trained.Network; // its neurons are the ones the weights were trained with
            progress.Message($"model: {model} ({string.Join('-', trained.Network.Layers)}, trained by '{trained.Name}')");
        }
        else
        {
            var floatConfig = ConfigCopy.Of(config);
            floatConfig.Device = null;
            floatConfig.Update = new SgdUpdateConfig { LocalGains = config.Update.LocalGains }; // float: the device rules need devices
            floatConfig.Inference = null;
            floatConfig.Output.SaveModel = true;
            string trainDir = Path.Combine(outDir, "train-float");
            progress.Message($"no model given: training {string.Join('-', config.Network.Layers)} in float into {trainDir}");
            TrainingRun.Execute(floatConfig, trainDir, data.Folder, sourceFile, progress, cancel);
            model = Path.Combine(trainDir, ModelFile.DefaultName);
            network = ModelFile.Load(model).Network;
        }
        if (split.Test.Features != network.InputSize)
        {
            throw new CrossbarException($"{model}: the network takes {network.InputSize} inputs but the data gives {split.Test.Features} (data.crop)");
        }
        AtomicFile.WriteAllText(Path.Combine(outDir, TrainingRun.ConfigFile),
            ConfigWriter.ToYaml(config, $"Resolved configuration of {sourceFile} (every key, defaults included).\nRe-run with: crossbar infer {Path.Combine(outDir, TrainingRun.ConfigFile)} --model {model}"));

        Mlp? hwa = inference.HardwareAware is { } h
            ? HardwareAwareTraining.Train(config, h, split, Path.Combine(outDir, "train-hardware-aware"), progress, cancel)
            : null;

        var ctx = new InferenceContext(config, outDir, data, split, network, hwa, sourceFile, progress, cancel);
        var s = ctx.Summary;
        s["name"] = config.Name;
        s["config_file"] = sourceFile;
        s["crossbar_version"] = CrossbarVersion.Current;
        s["model_file"] = model;
        s["seed"] = config.Seed;
        s["repeats"] = inference.Repeats;
        s["test_count"] = split.Test.Count;
        s["mapping"] = ConfigNaming.EnumName(inference.Mapping.Method);
        s["noise_model"] = inference.PcmNoise is null ? "none" : "pcm_like";
        s["float_test_accuracy"] = Evaluator.Evaluate(network, split.Test).Accuracy;
        if (hwa is not null)
        {
            s["hardware_aware_float_test_accuracy"] = Evaluator.Evaluate(hwa, split.Test).Accuracy;
        }
        progress.Message($"float network: test accuracy {s.GetDouble("float_test_accuracy"):P2}");

        if (config.Output.SaveModel)
        {
            var mapped = MappedNetwork.Map(config, network, ctx.RepeatSeed(0));
            MappedNetworkFile.Save(Path.Combine(outDir, MappedModelFile), config, mapped);
            s["mapped_test_accuracy_repeat0"] = Evaluator.Evaluate(mapped.Network, split.Test).Accuracy;
            s["program_verify_failed_devices"] = mapped.Layers.Sum(l => l.FailedDevices);
        }

        if (inference.Drift is not null)
        {
            DriftStudy.Run(ctx);
        }
        if (inference.Variation is not null)
        {
            VariationStudy.Run(ctx);
        }
        if (inference.NoisyInputs is not null)
        {
            NoisyInputStudy.Run(ctx);
        }
        if (config.Output.Plots)
        {
            InferencePlots.Write(outDir, config.Name);
        }
        s["wall_seconds"] = Math.Round(wall.Elapsed.TotalSeconds, 3);
        s.Save(Path.Combine(outDir, TrainingRun.SummaryFile));
        return s;
    }
}
