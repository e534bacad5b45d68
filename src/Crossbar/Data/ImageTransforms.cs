using Crossbar.Config;
using Crossbar.Numerics;

namespace Crossbar.Data;

/// <summary>
/// Turns 28×28 byte images into input-neuron excitations: crop, scale to the pixel range, optional test noise,
/// optional mean normalisation. Each step is a separate method so the loader's order is explicit and testable.
/// </summary>
public static class ImageTransforms
{
    public const int Side = 28;

    // 000 §I / Fig. 2 and 001 §IV crop MNIST to 22×24 (528 inputs) without saying which pixels. We keep the central
    // block: rows 3..24 (3 dropped above and below) and columns 2..25 (2 dropped left and right), which removes only
    // border pixels that are (almost) always 0 because MNIST centres each digit's 20×20 box by its centre of mass.
    public const int CropTop = 3;
    public const int CropRows = 22;
    public const int CropLeft = 2;
    public const int CropColumns = 24;

    /// <summary>Name of the noise stream in <see cref="CounterRng"/>.</summary>
    public const string NoiseStream = "test-noise";

    public static int Features(InputCrop crop) => crop == InputCrop.Crop22x24 ? CropRows * CropColumns : Side * Side;

    /// <summary>For each feature, the index (row × 28 + column) of the source pixel it reads, in row-major order.</summary>
    public static int[] PixelIndices(InputCrop crop)
    {
        if (crop == InputCrop.None)
        {
            return Enumerable.Range(0, Side * Side).ToArray();
        }
        var idx = new int[CropRows * CropColumns];
        int k = 0;
        for (int r = CropTop; r < CropTop + CropRows; r++)
        {
            for (int c = CropLeft; c < CropLeft + CropColumns; c++)
            {
                idx[k++] = r * Side + c;
            }
        }
        return idx;
    }

    /// <summary>The lowest and highest excitation: 0 and 1, or −1 and 1.</summary>
    public static (float Low, float High) Bounds(PixelRange range) => range == PixelRange.MinusOneOne ? (-1f, 1f) : (0f, 1f);

    /// <summary>Maps a byte 0..255 linearly onto the pixel range (0 → low, 255 → high).</summary>
    public static float Scale(byte pixel, PixelRange range) =>
        range == PixelRange.MinusOneOne ? pixel / 127.5f - 1f : pixel / 255f;

    /// <summary>The first <paramref name="count"/> images, cropped and scaled, as count × features floats.</summary>
    public static float[] ToInputs(ReadOnlySpan<byte> images, int pixelsPerImage, int count, int[] pixelIndices, PixelRange range)
    {
        Span<float> lut = stackalloc float[256];
        for (int v = 0; v < 256; v++)
        {
            lut[v] = Scale((byte)v, range);
        }
        int features = pixelIndices.Length;
        var inputs = new float[(long)count * features];
        for (int i = 0; i < count; i++)
        {
            var src = images.Slice(i * pixelsPerImage, pixelsPerImage);
            var dst = inputs.AsSpan(i * features, features);
            for (int f = 0; f < features; f++)
            {
                dst[f] = lut[src[pixelIndices[f]]];
            }
        }
        return inputs;
    }

    /// <summary>
    /// Adds zero-mean Gaussian noise of the given variance to every excitation and clips to the pixel range
    /// (003 §IV, Fig. 5: noisy test images "kept in the range [0,1]"). The deviate for pixel p of image i is a pure
    /// function of (seed, i, p) — counter i·pixelsPerImage+p of the "test-noise" stream — so an image gets the same
    /// noise whatever the crop or test_count.
    /// </summary>
    public static void AddClippedNoise(Span<float> inputs, int[] pixelIndices, int pixelsPerImage, double variance, PixelRange range, ulong seed)
    {
        if (variance <= 0)
        {
            return;
        }
        float std = (float)Math.Sqrt(variance);
        var (lo, hi) = Bounds(range);
        ulong key = CounterRng.StreamKey(seed, NoiseStream);
        int features = pixelIndices.Length;
        int count = inputs.Length / features;
        for (int i = 0; i < count; i++)
        {
            var row = inputs.Slice(i * features, features);
            for (int f = 0; f < features; f++)
            {
                ulong g = (ulong)i * (ulong)pixelsPerImage + (ulong)pixelIndices[f];
                var rng = new CounterRng(key, 2 * g); // Box–Muller takes counters 2g and 2g+1
                row[f] = Math.Clamp(row[f] + std * (float)rng.NextGaussian(), lo, hi);
            }
        }
    }

    /// <summary>Per-feature mean over all rows.</summary>
    public static float[] FeatureMean(ReadOnlySpan<float> inputs, int features)
    {
        var sum = new double[features];
        int count = inputs.Length / features;
        for (int i = 0; i < count; i++)
        {
            var row = inputs.Slice(i * features, features);
            for (int f = 0; f < features; f++)
            {
                sum[f] += row[f];
            }
        }
        var mean = new float[features];
        for (int f = 0; f < features; f++)
        {
            mean[f] = count == 0 ? 0f : (float)(sum[f] / count);
        }
        return mean;
    }

    /// <summary>Subtracts <paramref name="mean"/> from every row (mean normalisation, 003 §III).</summary>
    public static void SubtractMean(Span<float> inputs, ReadOnlySpan<float> mean)
    {
        int features = mean.Length;
        for (int i = 0; i + features <= inputs.Length; i += features)
        {
            System.Numerics.Tensors.TensorPrimitives.Subtract(inputs.Slice(i, features), mean, inputs.Slice(i, features));
        }
    }
}
