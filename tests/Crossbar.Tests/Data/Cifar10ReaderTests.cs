using Crossbar.Config;
using Crossbar.Data;
using Xunit.Abstractions;

namespace Crossbar.Tests.Data;

public sealed class Cifar10ReaderTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void RoundTrip_PixelsPlanarPerImage_AndLabels()
    {
        string a = _dir.Combine("a.bin"), b = _dir.Combine("b.bin");
        File.WriteAllBytes(a, Cifar10TestFiles.Batch(3, 0, i => (byte)(9 - i)));
        File.WriteAllBytes(b, Cifar10TestFiles.Batch(2, 3, i => (byte)(9 - i)));
        var set = Cifar10Reader.Read("t", [a, b]);
        Assert.Equal(5, set.Count);
        Assert.Equal((3, 32, 32, 3072), (set.Channels, set.Height, set.Width, set.PixelsPerImage));
        Assert.Equal([9, 8, 7, 6, 5], set.Labels);
        for (int i = 0; i < 5; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                for (int y = 0; y < 32; y += 5)
                {
                    for (int x = 0; x < 32; x += 3)
                    {
                        Assert.Equal(Cifar10TestFiles.Pixel(i, c, y, x), set.Pixels[((i * 3 + c) * 32 + y) * 32 + x]);
                    }
                }
            }
        }
        var first4 = Cifar10Reader.Read("t", [a, b], maxImages: 4);
        Assert.Equal(4, first4.Count);
        Assert.Equal(set.Pixels.AsSpan(0, 4 * 3072).ToArray(), first4.Pixels);
    }

    [Fact]
    public void Truncated_IsOneLineErrorNamingTheFile()
    {
        string p = _dir.Combine("data_batch_1.bin");
        File.WriteAllBytes(p, Cifar10TestFiles.Batch(2)[..^100]);
        var e = Assert.Throws<CrossbarException>(() => Cifar10Reader.Read("t", [p]));
        Assert.StartsWith(p + ": truncated", e.Message);
        Assert.Contains("3,073-byte records", e.Message);
        Assert.DoesNotContain('\n', e.Message);

        File.WriteAllBytes(p, []);
        Assert.StartsWith(p + ": empty file", Assert.Throws<CrossbarException>(() => Cifar10Reader.Read("t", [p])).Message);
        Assert.StartsWith(_dir.Combine("missing.bin") + ": file not found",
            Assert.Throws<CrossbarException>(() => Cifar10Reader.Read("t", [_dir.Combine("missing.bin")])).Message);
    }

    [Fact]
    public void LabelAbove9_IsRejectedWithRecordAndOffset()
    {
        string p = _dir.Combine("test_batch.bin");
        File.WriteAllBytes(p, Cifar10TestFiles.Batch(4, 0, i => (byte)(i == 2 ? 10 : 1)));
        var e = Assert.Throws<CrossbarException>(() => Cifar10Reader.Read("t", [p]));
        Assert.Equal($"{p}: label 10 of record 2 (byte offset 6,146) is outside 0..9; not a CIFAR-10 batch", e.Message);
        Assert.Throws<CrossbarException>(() => Cifar10Reader.ReadValidated(p));
    }

    [Fact]
    public void Locator_FindsCifar10Folder_AndReportsIncompleteOnes()
    {
        Cifar10TestFiles.WriteFolder(_dir.Combine("data", "cifar-10"), 2);
        var location = new DatasetLocator(null, _dir.Path).LocateCifar10(null, null);
        Assert.Equal(_dir.Combine("data", "cifar-10"), location.Files.Folder);
        Assert.Equal(5, location.Files.TrainBatches.Count);

        File.Delete(_dir.Combine("data", "cifar-10", "data_batch_3.bin"));
        var e = Assert.Throws<CrossbarException>(() => new DatasetLocator(null, _dir.Path).LocateCifar10(_dir.Combine("data"), null));
        Assert.Contains("incomplete, missing data_batch_3.bin", e.Message);
        Assert.Contains("crossbar data download --to data --dataset cifar10", e.Message);
    }

    /// <summary>The real files, found like any run finds them (../shared/data/cifar-10, walking up).</summary>
    private static Cifar10Files? RealFiles()
    {
        try
        {
            return new DatasetLocator(null, AppContext.BaseDirectory).LocateCifar10(null, null).Files;
        }
        catch (CrossbarException)
        {
            return null;
        }
    }

    [Fact]
    public void RealCifar10_WhenPresent_CountsPerClassAsInSourceMd()
    {
        if (RealFiles() is not { } files)
        {
            output.WriteLine("skipped: no CIFAR-10 in shared/data/cifar-10");
            return;
        }
        var test = Cifar10Reader.Read("test", [files.TestBatch]);
        Assert.Equal(10000, test.Count);
        Assert.All(Histogram(test.Labels), n => Assert.Equal(1000, n));
        var batch1 = Cifar10Reader.Read("b1", [files.TrainBatches[0]]);
        Assert.Equal([1005, 974, 1032, 1016, 999, 937, 1030, 1001, 1025, 981], Histogram(batch1.Labels));
        Assert.Equal(KnownChecksums.Cifar10Md5("test_batch.bin"), KnownChecksums.Md5HexOfFile(files.TestBatch));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var split = ImageSetLoader.Load(new DataConfig { Dataset = DatasetName.Cifar10 }, files.Folder);
        output.WriteLine($"ImageSetLoader.Load(cifar10): {watch.Elapsed.TotalMilliseconds:F0} ms for 50,000 + 10,000 images");
        Assert.Equal(50000, split.Train.Count);
        Assert.Equal(10000, split.Test.Count);
        Assert.Equal(batch1.Pixels, split.Train.Pixels.AsSpan(0, batch1.Pixels.Length).ToArray());
        // The training mean per channel is SOURCE.md's 0.4914 / 0.4822 / 0.4465.
        float[] expected = [0.4914f, 0.4822f, 0.4465f];
        for (int c = 0; c < 3; c++)
        {
            double sum = 0;
            for (int i = 0; i < split.Train.Count; i++)
            {
                foreach (byte v in split.Train.Image(i).Slice(c * 1024, 1024))
                {
                    sum += v;
                }
            }
            Assert.Equal(expected[c], sum / (split.Train.Count * 1024.0 * 255), 3);
        }
        var e = Assert.Throws<CrossbarException>(() =>
            ImageSetLoader.Load(new DataConfig { Dataset = DatasetName.Cifar10, TestCount = 10000, TrainCount = 50001 }, files.Folder));
        Assert.Contains("data.train_count is 50,001 but the training file(s) hold only 50,000 images", e.Message);
    }

    private static int[] Histogram(byte[] labels)
    {
        var h = new int[10];
        foreach (byte l in labels)
        {
            h[l]++;
        }
        return h;
    }
}
