using Crossbar.Data;
using Xunit.Abstractions;

namespace Crossbar.Tests.Data;

public sealed class ImageBatcherTests(ITestOutputHelper output)
{
    /// <summary>n images of 2 channels × 3 × 4; pixel = 100·c + 10·y + x + i (distinct per position).</summary>
    private static ImageSet Tiny(int n = 1)
    {
        var pixels = new byte[n * 2 * 3 * 4];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < 2; c++)
            {
                for (int y = 0; y < 3; y++)
                {
                    for (int x = 0; x < 4; x++)
                    {
                        pixels[((i * 2 + c) * 3 + y) * 4 + x] = (byte)(100 * c + 10 * y + x + i);
                    }
                }
            }
        }
        return new ImageSet("tiny", pixels, Enumerable.Range(0, n).Select(i => (byte)(i % 10)).ToArray(), 2, 3, 4);
    }

    private static ImageNormalization Raw(int channels) => new(1f, new float[channels], Enumerable.Repeat(1f, channels).ToArray());

    private static ImageSet Random(int n, int seed = 5)
    {
        var r = new System.Random(seed);
        var pixels = new byte[n * 3 * 32 * 32];
        r.NextBytes(pixels);
        return new ImageSet("random", pixels, Enumerable.Range(0, n).Select(i => (byte)(i % 10)).ToArray(), 3, 32, 32);
    }

    private static float[] Fill(ImageBatcher b, int[] indices, int epoch, int[]? labels = null)
    {
        var dest = new float[indices.Length * b.ValuesPerImage];
        b.Fill(indices, epoch, dest, labels ?? new int[indices.Length]);
        return dest;
    }

    [Fact]
    public void Normalisation_IsPixelTimesScaleMinusMeanOverStd_PerChannel()
    {
        var set = Tiny(2);
        var b = new ImageBatcher(set, new ImageNormalization(0.5f, [1f, -2f], [2f, 4f]), null, 1);
        var labels = new int[2];
        var x = Fill(b, [1, 0], 0, labels);
        Assert.Equal([1, 0], labels);
        for (int c = 0; c < 2; c++)
        {
            for (int p = 0; p < 12; p++)
            {
                float pixel = set.Pixels[(1 * 2 + c) * 12 + p];
                Assert.Equal((pixel * 0.5f - (c == 0 ? 1f : -2f)) / (c == 0 ? 2f : 4f), x[c * 12 + p], 1e-6f);
                Assert.Equal((set.Pixels[c * 12 + p] * 0.5f - (c == 0 ? 1f : -2f)) / (c == 0 ? 2f : 4f), x[24 + c * 12 + p], 1e-6f);
            }
        }
        var cifar = new ImageBatcher(new ImageSet("w", Enumerable.Repeat((byte)255, 3072).ToArray(), [3], 3, 32, 32), ImageNormalization.Cifar10(), null, 1);
        var white = Fill(cifar, [0], 0);
        Assert.Equal((1 - 0.4914f) / 0.2470f, white[0], 1e-5f);
        Assert.Equal((1 - 0.4822f) / 0.2435f, white[1024], 1e-5f);
        Assert.Equal((1 - 0.4465f) / 0.2616f, white[3071], 1e-5f);
    }

    [Fact]
    public void Flip_MirrorsEachRow()
    {
        var set = Tiny();
        var b = new ImageBatcher(set, Raw(2), new ImageAugmentation(0, HorizontalFlip: true), 3);
        int epoch = Enumerable.Range(0, 100).First(e => b.Draw(e, 0).Flip);
        var x = Fill(b, [0], epoch);
        for (int c = 0; c < 2; c++)
        {
            for (int y = 0; y < 3; y++)
            {
                for (int xx = 0; xx < 4; xx++)
                {
                    Assert.Equal(100 * c + 10 * y + (3 - xx), x[(c * 3 + y) * 4 + xx]);
                }
            }
        }
        int plain = Enumerable.Range(0, 100).First(e => !b.Draw(e, 0).Flip);
        Assert.Equal(set.Pixels.Select(v => (float)v), Fill(b, [0], plain));
    }

    [Fact]
    public void Crop_ShiftsThePaddedImage_PaddingIsNormalisedZero()
    {
        var set = Tiny();
        var norm = new ImageNormalization(1f, [10f, 20f], [2f, 4f]);
        var b = new ImageBatcher(set, norm, new ImageAugmentation(CropPadding: 2, HorizontalFlip: true), 11);
        var seen = new HashSet<(int, int, bool)>();
        for (int epoch = 0; epoch < 400; epoch++)
        {
            var (dx, dy, flip) = b.Draw(epoch, 0);
            seen.Add((dx, dy, flip));
            var x = Fill(b, [0], epoch);
            for (int c = 0; c < 2; c++)
            {
                for (int y = 0; y < 3; y++)
                {
                    for (int xx = 0; xx < 4; xx++)
                    {
                        // Crop first (padded coordinates y + dy, x + dx), then mirror the crop.
                        int sx = (flip ? 3 - xx : xx) + dx - 2, sy = y + dy - 2;
                        float pixel = sx is >= 0 and < 4 && sy is >= 0 and < 3 ? 100 * c + 10 * sy + sx : 0;
                        Assert.Equal((pixel - norm.Mean[c]) / norm.Std[c], x[(c * 3 + y) * 4 + xx]);
                    }
                }
            }
        }
        Assert.Equal(5 * 5 * 2, seen.Count); // every offset 0..4 in both axes, both flips
        Assert.Equal((0, 0, false), new ImageBatcher(set, norm, null, 11).Draw(7, 0));
    }

    [Fact]
    public void Augmentation_IsAPureFunctionOfSeedEpochIndex_NotOfBatchOrThreads()
    {
        var set = Random(40);
        var aug = new ImageAugmentation(4, true);
        var b = new ImageBatcher(set, ImageNormalization.Cifar10(), aug, 99);
        int per = b.ValuesPerImage;
        int[] all = Enumerable.Range(0, 40).ToArray();
        var whole = Fill(b, all, 3);
        // Any batch composition and order gives each image the same values.
        int[] shuffled = [17, 3, 39, 0, 22, 5];
        var part = Fill(b, shuffled, 3);
        for (int j = 0; j < shuffled.Length; j++)
        {
            Assert.Equal(whole.AsSpan(shuffled[j] * per, per).ToArray(), part.AsSpan(j * per, per).ToArray());
        }
        // Threads do not matter either.
        var parallel = new ImageBatcher(set, ImageNormalization.Cifar10(), aug, 99) { MaxDegreeOfParallelism = 4 };
        var labels = new int[40];
        Assert.Equal(whole, Fill(parallel, all, 3, labels));
        Assert.Equal(all.Select(i => i % 10), labels);
        // Another batcher with the same seed agrees; another epoch or seed does not.
        Assert.Equal(whole, Fill(new ImageBatcher(set, ImageNormalization.Cifar10(), aug, 99), all, 3));
        Assert.NotEqual(whole, Fill(b, all, 4));
        Assert.NotEqual(whole, Fill(new ImageBatcher(set, ImageNormalization.Cifar10(), aug, 100), all, 3));
    }

    [Fact]
    public void Statistics_HalfFlipped_OffsetsUniform()
    {
        var b = new ImageBatcher(Random(1), ImageNormalization.Cifar10(), new ImageAugmentation(4, true), 2024);
        const int n = 90_000;
        int flips = 0;
        var dx = new int[9];
        var dy = new int[9];
        for (int i = 0; i < n; i++)
        {
            var d = b.Draw(i / 1000, i % 1000);
            flips += d.Flip ? 1 : 0;
            dx[d.Dx]++;
            dy[d.Dy]++;
        }
        // Binomial sd of the flip count is 150; of each offset bin ≈ 94: allow about 4.5 sd.
        Assert.InRange(flips, n / 2 - 700, n / 2 + 700);
        Assert.All(dx, k => Assert.InRange(k, n / 9 - 420, n / 9 + 420));
        Assert.All(dy, k => Assert.InRange(k, n / 9 - 420, n / 9 + 420));
        // dx and dy are independent: the 81 pairs are all about equally common.
        var pairs = new int[81];
        for (int i = 0; i < n; i++)
        {
            var d = b.Draw(7, i);
            pairs[d.Dx * 9 + d.Dy]++;
        }
        Assert.All(pairs, k => Assert.InRange(k, n / 81 - 160, n / 81 + 160));
    }

    [Fact]
    public void Fill_AllocatesNothing_AndIsFast()
    {
        var set = Random(512);
        var b = new ImageBatcher(set, ImageNormalization.Cifar10(), new ImageAugmentation(4, true), 1);
        int[] indices = Enumerable.Range(0, 128).Select(i => (i * 7) % 512).ToArray();
        var dest = new float[128 * b.ValuesPerImage];
        var labels = new int[128];
        for (int epoch = 0; epoch < 50; epoch++)
        {
            b.Fill(indices, epoch, dest, labels); // warm up (tiered JIT)
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        b.Fill(indices, 1, dest, labels);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (int epoch = 1; epoch <= 20; epoch++)
        {
            b.Fill(indices, epoch, dest, labels);
        }
        watch.Stop();
        output.WriteLine($"ImageBatcher.Fill: {watch.Elapsed.TotalMilliseconds / 20:F2} ms per batch of 128 CIFAR images");
        Assert.True(watch.Elapsed.TotalMilliseconds / 20 < 50, $"{watch.Elapsed.TotalMilliseconds / 20} ms per batch");
    }

    [Fact]
    public void BadArguments_AreRejected()
    {
        var set = Tiny(2);
        Assert.Throws<ArgumentException>(() => new ImageBatcher(set, Raw(3), null, 1));
        Assert.Throws<ArgumentException>(() => new ImageBatcher(set, new ImageNormalization(1, [0, 0], [1, 0]), null, 1));
        var b = new ImageBatcher(set, Raw(2), null, 1);
        Assert.Throws<ArgumentException>(() => b.Fill([0, 1], 0, new float[23], new int[2]));
        Assert.Throws<ArgumentException>(() => b.Fill([0, 1], 0, new float[48], new int[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => b.Fill([0, 2], 0, new float[48], new int[2]));
        Assert.Throws<ArgumentException>(() => new ImageSet("x", new byte[10], [1], 2, 3, 4));
        Assert.Throws<ArgumentException>(() => new ImageSet("x", new byte[24], [10], 2, 3, 4));
    }
}
