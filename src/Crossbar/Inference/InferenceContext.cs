using Crossbar.Config;
using Crossbar.Data;
using Crossbar.Network;
using Crossbar.Numerics;
using Crossbar.Output;
using Crossbar.Training;

namespace Crossbar.Inference;

/// <summary>What every study of one <c>crossbar infer</c> run shares: config, data, trained networks, output.</summary>
public sealed class InferenceContext(
    ExperimentConfig config, string outDir, DataCache data, DataSplit split, Mlp floatNetwork, Mlp? hardwareAware,
    string sourceFile, IProgressSink progress, CancellationToken cancel)
{
    public ExperimentConfig Config { get; } = config;

    public InferenceConfig Inference { get; } = config.Inference!;

    public string OutDir { get; } = outDir;

    public DataCache Data { get; } = data;

    public DataSplit Split { get; } = split;

    /// <summary>The float network trained in software (direct mapping / off-chip source).</summary>
    public Mlp FloatNetwork { get; } = floatNetwork;

    /// <summary>The hardware-aware trained network, when the inference section asks for one.</summary>
    public Mlp? HardwareAware { get; } = hardwareAware;

    public string SourceFile { get; } = sourceFile;

    public IProgressSink Progress { get; } = progress;

    public CancellationToken Cancel { get; } = cancel;

    public RunSummary Summary { get; } = new();

    /// <summary>Seed of programming repeat k: device variation, programming noise, ν and read noise all follow from it.</summary>
    public ulong RepeatSeed(int k) => CounterRng.StreamKey(Config.Seed, "inference-repeat", (ulong)k);

    /// <summary>The networks to map: ("direct", float) and, with hardware_aware, ("hardware_aware", …).</summary>
    public IEnumerable<(string Name, Mlp Network)> SourceNetworks()
    {
        yield return ("direct", FloatNetwork);
        if (HardwareAware is not null)
        {
            yield return ("hardware_aware", HardwareAware);
        }
    }
}
