using Crossbar.Config;
using Crossbar.Data;
using Crossbar.Experiments;
using Crossbar.Network;
using Crossbar.Persistence;
using Crossbar.Training;

namespace Crossbar.Inference;

/// <summary>
/// Trains the float network with injected weight noise and clipping (<see cref="HardwareAwareLayer"/>; 004 Fig. 4
/// custom training) through the ordinary <see cref="Trainer"/>, and returns it as a plain float network.
/// Writes metrics.csv and model.cbm into its folder. Test accuracies in metrics.csv are measured with the noise on.
/// </summary>
public static class HardwareAwareTraining
{
    public static Mlp Train(ExperimentConfig config, HardwareAwareConfig hwa, DataSplit data, string outDir, IProgressSink progress,
                            CancellationToken cancel)
    {
        var trainConfig = ConfigCopy.Of(config);
        trainConfig.Device = null;
        trainConfig.Update = new SgdUpdateConfig { LocalGains = config.Update.LocalGains };
        trainConfig.Inference = null;
        trainConfig.Name = $"{config.Name}-hardware-aware";
        trainConfig.Evaluation.Snapshots = [];
        if (hwa.Epochs is { } epochs)
        {
            trainConfig.Training.Epochs = epochs;
        }
        var plain = NetworkBuilder.BuildFloat(trainConfig.Network, trainConfig.Seed);
        var wrapped = new HardwareAwareLayer[plain.Layers.Count];
        for (int l = 0; l < wrapped.Length; l++)
        {
            wrapped[l] = new HardwareAwareLayer((DenseLayer)plain.Layers[l], hwa.WeightNoise, hwa.Clip, hwa.ClipEvery, trainConfig.Seed, l);
        }
        var noisy = NetworkBuilder.Assemble(trainConfig.Network, wrapped);
        progress.Message($"hardware-aware training: weight noise {hwa.WeightNoise} × max|w|, clip {(hwa.Clip > 0 ? $"±{hwa.Clip}σ" : "off")}, {trainConfig.Training.Epochs} epoch(s)");
        var result = new Trainer(trainConfig, noisy, data, progress).Run(cancel);
        foreach (var layer in wrapped)
        {
            layer.Finish();
        }
        Directory.CreateDirectory(outDir);
        TrainingRun.WriteMetrics(result, Path.Combine(outDir, TrainingRun.MetricsFile));
        ModelFile.Save(Path.Combine(outDir, ModelFile.DefaultName), trainConfig, plain);
        return plain;
    }
}
