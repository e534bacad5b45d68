using Crossbar.Numerics;

namespace Crossbar.Data;

/// <summary>
/// Turns images into normalised float batches (NCHW), with training augmentation drawn from the counter-based RNG keyed
/// by (seed, epoch, example index), so an image's crop and flip do not depend on batch size, batch order or thread
/// count. Normalisation is a per-channel table of 256 floats, so a pixel costs one load.
/// </summary>
/// <remarks>
/// Padding follows torchvision's <c>RandomCrop(32, padding=4)</c> before <c>Normalize</c>: the raw image is padded with
/// byte 0, so a padded pixel becomes (0·scale − mean[c]) / std[c] (e.g. −1.99 in CIFAR's red channel), not 0. The crop
/// comes first and the flip mirrors the cropped image, the order of the usual RandomCrop + RandomHorizontalFlip.
/// </remarks>
public sealed class ImageBatcher
{
    /// <summary>Name of the augmentation stream in <see cref="CounterRng"/> (its index is the epoch).</summary>
    public const string AugmentationStream = "image-augmentation";

    private readonly ImageSet _set;
    private readonly float[] _table; // channel × 256: the normalised value of each byte
    private readonly int _padding;
    private readonly bool _flip;
    private readonly ulong _seed;

    public ImageBatcher(ImageSet set, ImageNormalization norm, ImageAugmentation? augmentation, ulong seed)
    {
        if (norm.Mean.Length != set.Channels || norm.Std.Length != set.Channels)
        {
            throw new ArgumentException(
                $"{set.Name}: normalisation has {norm.Mean.Length} mean(s) and {norm.Std.Length} std(s) for {set.Channels} channel(s)");
        }
        if (!(norm.Scale > 0) || norm.Std.Any(s => !(s > 0)))
        {
            throw new ArgumentException($"{set.Name}: normalisation scale and every std must be > 0");
        }
        int padding = augmentation?.CropPadding ?? 0;
        if (padding < 0 || padding > Math.Min(set.Height, set.Width))
        {
            throw new ArgumentException($"{set.Name}: crop padding {padding} must be in 0..{Math.Min(set.Height, set.Width)}");
        }
        _set = set;
        _padding = padding;
        _flip = augmentation?.HorizontalFlip ?? false;
        _seed = seed;
        _table = new float[set.Channels * 256];
        for (int c = 0; c < set.Channels; c++)
        {
            for (int v = 0; v < 256; v++)
            {
                _table[c * 256 + v] = (v * norm.Scale - norm.Mean[c]) / norm.Std[c];
            }
        }
    }

    public ImageSet Set => _set;

    /// <summary>
    /// Threads <see cref="Fill"/> may use (split over images; results are identical for any value). Default 1: then
    /// Fill allocates nothing; with more, <see cref="Parallel.For(int, int, Action{int})"/> allocates its own small
    /// bookkeeping per call, which pays only when the caller is not already using the cores.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = 1;

    /// <summary>Floats per image in the destination: Channels × Height × Width.</summary>
    public int ValuesPerImage => _set.PixelsPerImage;

    /// <summary>
    /// The augmentation of example <paramref name="exampleIndex"/> in <paramref name="epoch"/>: crop offsets into the
    /// padded image, each in 0..2·padding (padding = no shift), and whether it is mirrored. A pure function of
    /// (seed, epoch, index): counters 3i, 3i+1, 3i+2 of the epoch's stream give the flip, dx and dy.
    /// </summary>
    public (int Dx, int Dy, bool Flip) Draw(int epoch, int exampleIndex)
    {
        ulong key = CounterRng.StreamKey(_seed, AugmentationStream, unchecked((ulong)epoch));
        return Draw(key, exampleIndex);
    }

    /// <summary>
    /// Writes the images <paramref name="exampleIndices"/> (indices into the set), normalised and augmented for
    /// <paramref name="epoch"/>, to <paramref name="destination"/> (indices.Length × C × H × W, NCHW) and their labels
    /// to <paramref name="labels"/>.
    /// </summary>
    public void Fill(ReadOnlySpan<int> exampleIndices, int epoch, Span<float> destination, Span<int> labels)
    {
        int n = exampleIndices.Length;
        int per = _set.PixelsPerImage;
        if (destination.Length != (long)n * per)
        {
            throw new ArgumentException($"destination holds {destination.Length} floats; {n} images need {(long)n * per}", nameof(destination));
        }
        if (labels.Length != n)
        {
            throw new ArgumentException($"labels holds {labels.Length} entries; expected {n}", nameof(labels));
        }
        foreach (int i in exampleIndices)
        {
            if ((uint)i >= (uint)_set.Count)
            {
                throw new ArgumentOutOfRangeException(nameof(exampleIndices), $"example {i} is outside 0..{_set.Count - 1} of {_set.Name}");
            }
        }
        ulong key = CounterRng.StreamKey(_seed, AugmentationStream, unchecked((ulong)epoch));
        int threads = Math.Min(MaxDegreeOfParallelism, n);
        if (threads <= 1)
        {
            for (int j = 0; j < n; j++)
            {
                labels[j] = _set.Labels[exampleIndices[j]];
                FillOne(exampleIndices[j], key, destination.Slice(j * per, per));
            }
            return;
        }
        FillParallel(exampleIndices, key, destination, labels, threads);
    }

    // A separate method so that the lambda's closure is allocated only on this path, not by every Fill.
    private unsafe void FillParallel(ReadOnlySpan<int> exampleIndices, ulong key, Span<float> destination, Span<int> labels, int threads)
    {
        int n = exampleIndices.Length, per = _set.PixelsPerImage;
        fixed (int* indicesPtr = exampleIndices)
        fixed (float* destPtr = destination)
        fixed (int* labelsPtr = labels)
        {
            // Spans cannot enter a lambda; the pinned addresses can, and the chunks write disjoint images.
            nint ip = (nint)indicesPtr, dp = (nint)destPtr, lp = (nint)labelsPtr;
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
            {
                int from = (int)((long)n * t / threads), to = (int)((long)n * (t + 1) / threads);
                var idx = new ReadOnlySpan<int>((int*)ip, n);
                for (int j = from; j < to; j++)
                {
                    ((int*)lp)[j] = _set.Labels[idx[j]];
                    FillOne(idx[j], key, new Span<float>((float*)dp + (long)j * per, per));
                }
            });
        }
    }

    private (int Dx, int Dy, bool Flip) Draw(ulong key, int exampleIndex)
    {
        ulong counter = 3 * (ulong)exampleIndex;
        bool flip = _flip && (CounterRng.At(key, counter) >> 63) != 0;
        if (_padding == 0)
        {
            return (0, 0, flip);
        }
        ulong choices = (ulong)(2 * _padding + 1);
        int dx = (int)(((CounterRng.At(key, counter + 1) >> 32) * choices) >> 32);
        int dy = (int)(((CounterRng.At(key, counter + 2) >> 32) * choices) >> 32);
        return (dx, dy, flip);
    }

    private void FillOne(int exampleIndex, ulong key, Span<float> output)
    {
        var (dx, dy, flip) = Draw(key, exampleIndex);
        int h = _set.Height, w = _set.Width;
        var image = _set.Image(exampleIndex);
        // Output (y, x) reads padded pixel (y + dy, x' + dx), x' = x or w−1−x when flipped; padded (py, px) is source
        // (py − padding, px − padding), or the padding byte 0 outside the image.
        int ox = dx - _padding, oy = dy - _padding;
        for (int c = 0; c < _set.Channels; c++)
        {
            ReadOnlySpan<float> table = new(_table, c * 256, 256);
            float padValue = table[0];
            var plane = image.Slice(c * h * w, h * w);
            for (int y = 0; y < h; y++)
            {
                var row = output.Slice((c * h + y) * w, w);
                int sy = y + oy;
                if ((uint)sy >= (uint)h)
                {
                    row.Fill(padValue);
                    continue;
                }
                var src = plane.Slice(sy * w, w);
                if (!flip)
                {
                    // x + ox must lie in 0..w−1.
                    int lo = Math.Max(0, -ox), hi = Math.Min(w, w - ox);
                    row[..lo].Fill(padValue);
                    for (int x = lo; x < hi; x++)
                    {
                        row[x] = table[src[x + ox]];
                    }
                    row[hi..].Fill(padValue);
                }
                else
                {
                    // w − 1 − x + ox must lie in 0..w−1.
                    int lo = Math.Max(0, ox), hi = Math.Min(w, w + ox);
                    row[..lo].Fill(padValue);
                    int s = w - 1 + ox;
                    for (int x = lo; x < hi; x++)
                    {
                        row[x] = table[src[s - x]];
                    }
                    row[hi..].Fill(padValue);
                }
            }
        }
    }
}
