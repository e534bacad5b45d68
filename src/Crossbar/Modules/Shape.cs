namespace Crossbar.Modules;

/// <summary>
/// The shape of one example's features: C×H×W for images, F×1×1 for flat vectors (a batch adds N in front, NCHW).
/// </summary>
public readonly record struct Shape(int Channels, int Height, int Width)
{
    public static Shape Flat(int features) => new(features, 1, 1);

    public int Size => Channels * Height * Width;

    public bool IsFlat => Height == 1 && Width == 1;

    public int Pixels => Height * Width;

    public override string ToString() => IsFlat ? $"{Channels}" : $"{Channels}×{Height}×{Width}";
}
