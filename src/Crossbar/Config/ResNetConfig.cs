namespace Crossbar.Config;

public enum ResNetShortcut
{
    /// <summary>Strided subsampling plus zero channels (He et al. 2016 §4.2, the CIFAR ResNets).</summary>
    A,

    /// <summary>1×1 convolution with the stride, then batch norm (He et al. 2016 §3.3).</summary>
    B,
}

/// <summary>The CIFAR ResNet family (He et al. 2016 §4.2): depth 6n + 2.</summary>
public sealed class ResNetConfig : IValidatedConfig
{
    [Doc("6n + 2: 20, 32, 44, 56 (110, …).")]
    [Range(8, 1202)]
    public int Depth { get; set; } = 20;

    [Doc("a or b: the shortcut where a stage changes shape.")]
    public ResNetShortcut Shortcut { get; set; } = ResNetShortcut.A;

    [Doc("Channels of the first stage (doubled at each of the next two).")]
    [Range(1, 4096)]
    public int Width { get; set; } = 16;

    public IEnumerable<(string Key, string Problem)> Validate()
    {
        if ((Depth - 2) % 6 != 0)
        {
            yield return ("depth", $"{Depth} is not 6n + 2; allowed: 20, 32, 44, 56, 110, …");
        }
    }
}
