namespace Crossbar.Config;

/// <summary>Per-channel normalisation of image networks: x = (pixel·scale − mean[c]) / std[c].</summary>
public sealed class NormalizationConfig
{
    [Doc("Factor each pixel byte (0..255) is multiplied by first; default 1/255 (pixels in [0, 1]).")]
    [Range(0, 1e6, MinExclusive = true)]
    public double Scale { get; set; } = 1.0 / 255;

    [Doc("Mean subtracted per channel after scaling: 1 value for mnist/fashion_mnist, 3 (R, G, B) for cifar10; empty = 0 for mnist/fashion_mnist, the CIFAR-10 training mean [0.4914, 0.4822, 0.4465] for cifar10.")]
    [Range(-1e6, 1e6)]
    public double[]? Mean { get; set; }

    [Doc("Standard deviation divided by per channel (each > 0): 1 value for mnist/fashion_mnist, 3 (R, G, B) for cifar10; empty = 1 for mnist/fashion_mnist, the CIFAR-10 training std [0.2470, 0.2435, 0.2616] for cifar10.")]
    [Range(0, 1e6, MinExclusive = true)]
    public double[]? Std { get; set; }
}
