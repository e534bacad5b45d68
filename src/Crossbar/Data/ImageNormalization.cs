namespace Crossbar.Data;

/// <summary>
/// How a pixel byte becomes an input: <c>x = (pixel·Scale − Mean[c]) / Std[c]</c>, one mean and std per channel.
/// </summary>
public sealed record ImageNormalization(float Scale, float[] Mean, float[] Std)
{
    /// <summary>CIFAR-10 training-set channel statistics (pixels / 255; shared/data/cifar-10/SOURCE.md).</summary>
    public static readonly IReadOnlyList<float> Cifar10Mean = [0.4914f, 0.4822f, 0.4465f];

    /// <inheritdoc cref="Cifar10Mean"/>
    public static readonly IReadOnlyList<float> Cifar10Std = [0.2470f, 0.2435f, 0.2616f];

    /// <summary>Pixels / 255 and nothing else: mean 0, std 1 in every channel.</summary>
    public static ImageNormalization UnitRange(int channels) =>
        new(1f / 255, new float[channels], Enumerable.Repeat(1f, channels).ToArray());

    /// <summary>Pixels / 255, then the CIFAR-10 training mean and std.</summary>
    public static ImageNormalization Cifar10() => new(1f / 255, [.. Cifar10Mean], [.. Cifar10Std]);
}
