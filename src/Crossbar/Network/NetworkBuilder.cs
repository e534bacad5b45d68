using Crossbar.Config;
using Crossbar.Network.Activations;
using Crossbar.Numerics;

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
