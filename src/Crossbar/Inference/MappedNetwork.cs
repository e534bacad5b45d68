using Crossbar.Config;
using Crossbar.Network;
using Crossbar.Numerics;
using Crossbar.Tiles;

namespace Crossbar.Inference;

/// <summary>
/// A trained float network mapped onto one <see cref="AnalogTile"/> per layer (<see cref="MappedLayer"/>), with the
/// same neurons as the float network, so the ordinary evaluator runs on it. One instance is one programming of the
/// chip; repeats build new instances from other seeds.
/// </summary>
public sealed class MappedNetwork
{
    private MappedNetwork(Mlp network, MappedLayer[] layers, DeviceConfig device, PcmLikeNoiseModel? pcm)
    {
        Network = network;
        Layers = layers;
        Device = device;
        Pcm = pcm;
    }

    public Mlp Network { get; }

    public IReadOnlyList<MappedLayer> Layers { get; }

    /// <summary>The device section the tiles were built from (drift enabled when the PCM-like model is on).</summary>
    public DeviceConfig Device { get; }

    public PcmLikeNoiseModel? Pcm { get; }

    /// <summary>
    /// Maps <paramref name="source"/>'s float weights onto tiles and programs them. <paramref name="seed"/> picks
    /// this programming's device variation, programming noise and drift exponents.
    /// </summary>
    public static MappedNetwork Map(ExperimentConfig config, Mlp source, ulong seed)
    {
        var inference = config.Inference ?? new InferenceConfig();
        var mapping = inference.Mapping;
        var device = EffectiveDevice(config);
        var pcm = inference.PcmNoise is { } p ? new PcmLikeNoiseModel(p, mapping.GMax) : null;
        var tileConfig = UnitGainTile(config.Tile);
        var layers = new MappedLayer[source.Layers.Count];
        var rng = CounterRng.ForStream(seed, "inference-programming");
        for (int l = 0; l < layers.Length; l++)
        {
            var s = source.Layers[l];
            int rows = s.Inputs + (s.HasBias ? 1 : 0);
            var w = new float[rows * s.Outputs];
            s.CopyWeights(w);
            var tile = new AnalogTile(s.Inputs, s.Outputs, s.HasBias, device, tileConfig, seed, l);
            double window = tile.Devices.Max(0) - tile.Devices.Min(0);
            if (!double.IsFinite(window) || window <= 0)
            {
                window = mapping.GMax - mapping.GMin;
            }
            double maxAbs = 0;
            foreach (float v in w)
            {
                maxAbs = Math.Max(maxAbs, Math.Abs(v));
            }
            // aihwkit maps the layer's max |w| to g_max; a fixed gain is the hardware alternative.
            double gain = mapping.Gain ?? (maxAbs > 0 ? maxAbs / ((1 - mapping.Offset) * window) : 1.0);
            layers[l] = new MappedLayer(tile, gain, pcm);
            layers[l].Program(w, mapping, ref rng);
        }
        var network = NetworkBuilder.Assemble(config.Network, layers);
        return new MappedNetwork(network, layers, device, pcm);
    }

    /// <summary>
    /// The device the weights are mapped onto: the file's <c>device</c> section, else an ideal device over
    /// [mapping.g_min, mapping.g_max]. With the PCM-like model, drift is switched on (t₀ from pcm_noise) so that
    /// each device can carry its own conductance-dependent ν, and the device's own 1/f noise is left to the model.
    /// </summary>
    public static DeviceConfig EffectiveDevice(ExperimentConfig config)
    {
        var inference = config.Inference ?? new InferenceConfig();
        var mapping = inference.Mapping;
        DeviceConfig device = config.Device is null
            ? new IdealDeviceConfig { GMin = mapping.GMin, GMax = mapping.GMax, Step = (mapping.GMax - mapping.GMin) / 1000 }
            : ConfigCopy.Of(config).Device!;
        if (inference.PcmNoise is { } pcm)
        {
            device.Drift.Nu = 0.05; // placeholder: replaced per device by the model's ν(g_target)
            device.Drift.NuStd = 0;
            device.Drift.T0 = pcm.T0;
            device.Drift.From = DriftReference.Programming;
            device.ReadNoise.Flicker = false;
        }
        return device;
    }

    /// <summary>
    /// Builds the tiles of a mapped network without programming them (their state is then loaded, see
    /// <see cref="MappedNetworkFile"/>); <paramref name="gains"/> has one entry per layer.
    /// </summary>
    public static MappedNetwork Empty(ExperimentConfig config, ReadOnlySpan<double> gains)
    {
        var inference = config.Inference ?? new InferenceConfig();
        var device = EffectiveDevice(config);
        var pcm = inference.PcmNoise is { } p ? new PcmLikeNoiseModel(p, inference.Mapping.GMax) : null;
        var tileConfig = UnitGainTile(config.Tile);
        var sizes = config.Network.Layers;
        var layers = new MappedLayer[sizes.Length - 1];
        for (int l = 0; l < layers.Length; l++)
        {
            var tile = new AnalogTile(sizes[l], sizes[l + 1], config.Network.Bias, device, tileConfig, config.Seed, l);
            layers[l] = new MappedLayer(tile, gains[l], pcm);
        }
        return new MappedNetwork(NetworkBuilder.Assemble(config.Network, layers), layers, device, pcm);
    }

    internal static TileConfig UnitGainTile(TileConfig? tile)
    {
        var copy = new TileConfig();
        if (tile is not null)
        {
            foreach (var p in typeof(TileConfig).GetProperties().Where(p => p.CanRead && p.CanWrite))
            {
                p.SetValue(copy, p.GetValue(tile));
            }
        }
        copy.Gain = 1.0;
        return copy;
    }

    /// <summary>Moves every layer to <paramref name="tInference"/> seconds after programming (see <see cref="MappedLayer.Realize"/>).</summary>
    public void Realize(double tInference, ulong seed, ulong index)
    {
        var rng = CounterRng.ForStream(seed, "inference-read", index);
        foreach (var layer in Layers)
        {
            layer.Realize(tInference, ref rng);
        }
    }

    /// <summary>Sets every layer's compensation factor.</summary>
    public void SetScales(ReadOnlySpan<double> scales)
    {
        for (int l = 0; l < Layers.Count; l++)
        {
            Layers[l].Scale = scales[l];
        }
    }
}
