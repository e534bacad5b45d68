namespace Crossbar.Data;

/// <summary>
/// Images as bytes, planar per image: <c>Pixels[((i·Channels + c)·Height + y)·Width + x]</c>, and one label per image.
/// Kept as bytes (a quarter of the memory of floats) because image networks normalise and augment every batch anew
/// (<see cref="ImageBatcher"/>).
/// </summary>
public sealed class ImageSet
{
    public ImageSet(string name, byte[] pixels, byte[] labels, int channels, int height, int width, int classes = 10)
    {
        if (channels <= 0 || height <= 0 || width <= 0 || classes <= 0 || classes > 256)
        {
            throw new ArgumentException($"{name}: channels ({channels}), height ({height}), width ({width}) must be > 0 and classes ({classes}) in 1..256");
        }
        if (pixels.LongLength != (long)labels.Length * channels * height * width)
        {
            throw new ArgumentException(
                $"{name}: pixels ({pixels.LongLength}) must be labels ({labels.Length}) × channels ({channels}) × height ({height}) × width ({width})");
        }
        int bad = labels.AsSpan().IndexOfAnyInRange((byte)Math.Min(classes, 255), byte.MaxValue);
        if (classes < 256 && bad >= 0)
        {
            throw new ArgumentException($"{name}: label {labels[bad]} of image {bad} is outside 0..{classes - 1}");
        }
        Name = name;
        Pixels = pixels;
        Labels = labels;
        Channels = channels;
        Height = height;
        Width = width;
        Classes = classes;
    }

    public string Name { get; }

    public byte[] Pixels { get; }

    public byte[] Labels { get; }

    public int Count => Labels.Length;

    public int Channels { get; }

    public int Height { get; }

    public int Width { get; }

    public int Classes { get; }

    /// <summary>Channels × Height × Width.</summary>
    public int PixelsPerImage => Channels * Height * Width;

    /// <summary>The bytes of image <paramref name="i"/>, channel planes one after another.</summary>
    public ReadOnlySpan<byte> Image(int i) => new(Pixels, i * PixelsPerImage, PixelsPerImage);
}
