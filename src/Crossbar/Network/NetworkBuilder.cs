using Crossbar.Config;
using Crossbar.Network.Activations;
using Crossbar.Numerics;
using Crossbar.Tiles;
using Crossbar.Updates;

namespace Crossbar.Network;

/// <summary>Builds a float network from the <c>network</c> section, with seeded initial weights.</summary>
public static class NetworkBuilder
{
    public static Mlp BuildFloat(NetworkConfig config, ulong seed)
    {
        var sizes = config.Layers;
        WeightQuantizer? quantizer = config.Quantization.WeightLevels > 0
            ? new WeightQuantizer(config.Quantization.WeightLevels, (float)config.Quantization.WeightRange)
            : null;
        var layers = new ILayer[sizes.Length - 1];
        for (int l = 0; l < layers.Length; l++)
        {
            var layer = new DenseLayer(sizes[l], sizes[l + 1], config.Bias, quantizer);
            Initialize(layer.Weights, sizes[l], sizes[l + 1], config.Init, (float)config.InitScale,
                       CounterRng.ForStream(seed, "init", (ulong)l));
            if (config.Bias)
            {
                layer.Row(layer.Inputs).Clear();
            }
            quantizer?.Apply(layer.Weights);
            layers[l] = layer;
        }
        return Assemble(config, layers);
    }

    /// <summary>
    /// Builds the network an experiment describes: float layers, or — when a <c>device</c> section is present — analog
    /// tiles for the layers <c>tile.analog_layers</c> names (all by default), each with the <c>update</c> rule.
    /// </summary>
    public static Mlp Build(ExperimentConfig config, string? baseDirectory = null)
    {
        var floatNet = BuildFloat(config.Network, config.Seed);
        if (config.Device is null)
        {
            if (config.Update is not SgdUpdateConfig)
            {
                throw new CrossbarException(
                    $"update.rule '{ConfigBinder.VariantName(config.Update.GetType())}' acts on devices: add a device section (or use rule: sgd)");
            }
            return floatNet;
        }
        var tileConfig = config.Tile ?? new TileConfig();
        int n = config.Network.Layers.Length - 1;
        if (tileConfig.LayerGains.Count > n)
        {
            throw new CrossbarException($"tile.layer_gains has {tileConfig.LayerGains.Count} gains but the network has {n} synapse layers");
        }
        foreach (int l in tileConfig.AnalogLayers)
        {
            if (l >= n)
            {
                throw new CrossbarException($"tile.analog_layers: layer {l} does not exist; the network has synapse layers 0..{n - 1}");
            }
        }
        if (config.Training.BatchSize > 1 && !config.Update.SupportsMiniBatch)
        {
            throw new CrossbarException(
                $"training.batch_size: {config.Training.BatchSize} is not possible with update.rule '{ConfigBinder.VariantName(config.Update.GetType())}', which applies pulses per example; use 1");
        }
        var layers = new ILayer[n];
        for (int l = 0; l < n; l++)
        {
            var dense = (DenseLayer)floatNet.Layers[l];
            if (tileConfig.AnalogLayers.Count > 0 && !tileConfig.AnalogLayers.Contains(l))
            {
                layers[l] = dense;
                continue;
            }
            var layerTile = tileConfig.LayerGains.Count > 0 ? tileConfig.WithGain(tileConfig.GainOf(l)) : tileConfig;
            var tile = new AnalogTile(dense.Inputs, dense.Outputs, dense.HasBias, config.Device, layerTile, config.Seed, l, baseDirectory);
            if (tileConfig.Init == TileInit.Network)
            {
                tile.WriteWeights(dense.Weights);
            }
            var rule = UpdateRuleFactory.Create(config, tile, l, baseDirectory);
            var reset = config.Update.Reset.Every > 0 ? new OccasionalReset(config.Update.Reset) : null;
            StreamEncoder? fwd = null, bwd = null;
            if (config.Update is StochasticUpdateConfig s)
            {
                fwd = s.StochasticForward ? new StreamEncoder(s.Bl, config.Seed, "stochastic-forward", l) : null;
                bwd = s.StochasticBackward ? new StreamEncoder(s.Bl, config.Seed, "stochastic-backward", l) : null;
            }
            layers[l] = new AnalogLayer(tile, rule, reset, config.Update.SupportsMiniBatch, fwd, bwd);
        }
        return Assemble(config.Network, layers);
    }

    /// <summary>Wraps already built layers (float or analog) with the configured neurons and loss.</summary>
    public static Mlp Assemble(NetworkConfig config, ILayer[] layers) =>
        new(layers,
            Activation.Create(config.HiddenActivation),
            Activation.Create(config.OutputActivation),
            new Loss(config.Loss, config.Targets),
            new DerivativeApproximation(config.Derivative),
            config.Quantization.ActivationStates,
            config.Quantization.ErrorStates,
            (float)config.Quantization.ErrorRange);

    public static void Initialize(Span<float> w, int fanIn, int fanOut, WeightInit init, float scale, CounterRng rng)
    {
        switch (init)
        {
            case WeightInit.XavierUniform:
                Uniform(w, scale * MathF.Sqrt(6f / (fanIn + fanOut)), ref rng);
                break;
            case WeightInit.Uniform:
                Uniform(w, scale / MathF.Sqrt(fanIn), ref rng);
                break;
            case WeightInit.HeNormal:
                rng.FillGaussian(w, 0f, scale * MathF.Sqrt(2f / fanIn));
                break;
            case WeightInit.Zero:
                w.Clear();
                break;
        }
    }

    private static void Uniform(Span<float> w, float limit, ref CounterRng rng)
    {
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = (2f * rng.NextFloat() - 1f) * limit;
        }
    }
}
