using Crossbar.Config;
using Crossbar.Data;

namespace Crossbar.Tests.Data;

public sealed class DatasetLoaderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private DataSplit Load(DataConfig config, ulong seed = 7, Func<int, int, int, byte>? pixel = null, int train = 12, int test = 8)
    {
        string folder = _dir.Combine("mnist");
        if (!Directory.Exists(folder))
        {
            IdxTestFiles.WriteDataset(folder, train, test, gz: true, pixel);
        }
        var files = DatasetLocator.TryFolder(folder, out _)!;
        return DatasetLoader.Load(config, files, seed);
    }

    [Fact]
    public void Crop22x24_PicksCentralRows3To24_Columns2To25()
    {
        var idx = ImageTransforms.PixelIndices(InputCrop.Crop22x24);
        Assert.Equal(528, idx.Length);
        Assert.Equal(3 * 28 + 2, idx[0]);
        Assert.Equal(3 * 28 + 25, idx[23]);
        Assert.Equal(4 * 28 + 2, idx[24]);
        Assert.Equal(24 * 28 + 25, idx[^1]);

        // Through the loader: train image 0 encodes the row, image 1 the column (value = 9 × index).
        var split = Load(new DataConfig { Crop = InputCrop.Crop22x24 }, pixel: (i, r, c) => (byte)(i % 2 == 0 ? 9 * r : 9 * c));
        Assert.Equal(528, split.Train.Features);
        for (int k = 0; k < 528; k++)
        {
            Assert.Equal(9 * (3 + k / 24) / 255f, split.Train.Input(0)[k]);
            Assert.Equal(9 * (2 + k % 24) / 255f, split.Train.Input(1)[k]);
        }
    }

    [Fact]
    public void NoCrop_Gives784_InFileOrder()
    {
        var split = Load(new DataConfig(), pixel: (i, r, c) => (byte)((r * 28 + c) % 251));
        Assert.Equal(784, split.Train.Features);
        Assert.Equal(784, split.Test.Features);
        for (int p = 0; p < 784; p++)
        {
            Assert.Equal(p % 251 / 255f, split.Train.Input(3)[p]);
        }
    }

    [Theory]
    [InlineData(PixelRange.ZeroOne, 0f, 1f)]
    [InlineData(PixelRange.MinusOneOne, -1f, 1f)]
    public void PixelRange_MapsBlackAndWhiteToTheEnds(PixelRange range, float lo, float hi)
    {
        var split = Load(new DataConfig { PixelRange = range }, pixel: (i, _, _) => (byte)(i % 2 == 0 ? 0 : 255));
        Assert.All(split.Train.Input(0).ToArray(), v => Assert.Equal(lo, v));
        Assert.All(split.Train.Input(1).ToArray(), v => Assert.Equal(hi, v));
        Assert.Equal((lo + hi) / 2, ImageTransforms.Scale(128, range), 0.005f);
        Assert.All(split.Train.Inputs, v => Assert.InRange(v, lo, hi));
    }

    [Fact]
    public void MeanNormalization_ZeroTrainingMeanPerPixel_AndSameShiftOnTest()
    {
        var plain = Load(new DataConfig { TrainCount = 10, PixelRange = PixelRange.MinusOneOne });
        var norm = Load(new DataConfig { TrainCount = 10, PixelRange = PixelRange.MinusOneOne, MeanNormalization = true });
        var mean = ImageTransforms.FeatureMean(plain.Train.Inputs, 784);
        var after = ImageTransforms.FeatureMean(norm.Train.Inputs, 784);
        Assert.All(after, m => Assert.InRange(m, -1e-6f, 1e-6f));
        Assert.Contains(mean, m => Math.Abs(m) > 0.05f); // the check above is not vacuous
        for (int i = 0; i < norm.Test.Count; i++)
        {
            for (int f = 0; f < 784; f++)
            {
                Assert.Equal(plain.Test.Input(i)[f] - mean[f], norm.Test.Input(i)[f], 1e-6f);
            }
        }
        Assert.Contains("mean-normalised", norm.Description);
    }

    [Theory]
    [InlineData(PixelRange.ZeroOne)]
    [InlineData(PixelRange.MinusOneOne)]
    public void TestNoise_IsClipped_Reproducible_AndOnlyOnTest(PixelRange range)
    {
        var config = new DataConfig { PixelRange = range, TestNoiseVariance = 0.2 };
        var clean = Load(new DataConfig { PixelRange = range });
        var a = Load(config, seed: 42);
        var b = Load(config, seed: 42);
        var c = Load(config, seed: 43);
        var (lo, hi) = ImageTransforms.Bounds(range);
        Assert.Equal(a.Test.Inputs, b.Test.Inputs);
        Assert.NotEqual(a.Test.Inputs, c.Test.Inputs);
        Assert.Equal(clean.Train.Inputs, a.Train.Inputs);
        Assert.All(a.Test.Inputs, v => Assert.InRange(v, lo, hi));
        Assert.Contains(a.Test.Inputs, v => v == lo); // σ ≈ 0.45: some values must have been clipped
        Assert.Contains(a.Test.Inputs, v => v == hi);
        Assert.Contains("test noise variance 0.2", a.Description);
    }

    [Fact]
    public void TestNoise_HasTheConfiguredVariance_OnMidGreyPixels()
    {
        const double variance = 0.01; // σ = 0.1: clipping at 0 and 1 is 5σ away from 0.502
        var split = Load(new DataConfig { TestNoiseVariance = variance }, pixel: (_, _, _) => 128, test: 30);
        double mid = 128 / 255.0, sum = 0, sumSq = 0;
        foreach (float v in split.Test.Inputs)
        {
            sum += v - mid;
            sumSq += (v - mid) * (v - mid);
        }
        int n = split.Test.Inputs.Length; // 23,520 samples: the variance estimate's relative s.e. is ≈ 0.9%
        double mean = sum / n, var = sumSq / n - mean * mean;
        Assert.InRange(mean, -0.003, 0.003);
        Assert.InRange(var, variance * 0.95, variance * 1.05);
    }

    [Fact]
    public void TestNoise_DependsOnlyOnImageAndPixel_NotOnCropOrSubset()
    {
        var full = Load(new DataConfig { TestNoiseVariance = 0.05 }, seed: 5, pixel: (_, _, _) => 100);
        var cropped = Load(new DataConfig { TestNoiseVariance = 0.05, Crop = InputCrop.Crop22x24, TestCount = 3 }, seed: 5);
        var idx = ImageTransforms.PixelIndices(InputCrop.Crop22x24);
        for (int i = 0; i < 3; i++)
        {
            for (int k = 0; k < idx.Length; k++)
            {
                Assert.Equal(full.Test.Input(i)[idx[k]], cropped.Test.Input(i)[k]);
            }
        }
    }

    [Fact]
    public void Subsets_TakeTheFirstN()
    {
        var all = Load(new DataConfig());
        var sub = Load(new DataConfig { TrainCount = 5, TestCount = 3 });
        Assert.Equal(12, all.Train.Count);
        Assert.Equal(8, all.Test.Count);
        Assert.Equal(5, sub.Train.Count);
        Assert.Equal(3, sub.Test.Count);
        Assert.Equal(all.Train.Inputs.AsSpan(0, 5 * 784).ToArray(), sub.Train.Inputs);
        Assert.Equal(all.Train.Labels[..5], sub.Train.Labels);
        Assert.Equal(all.Test.Labels[..3], sub.Test.Labels);
        Assert.StartsWith("mnist: 5 train / 3 test images, 784 features", sub.Description);
        Assert.DoesNotContain('\n', sub.Description);
    }

    [Fact]
    public void SubsetLargerThanFile_IsAnError()
    {
        var e = Assert.Throws<CrossbarException>(() => Load(new DataConfig { TrainCount = 13 }));
        Assert.Contains("train-images-idx3-ubyte.gz", e.Message);
        Assert.Contains("data.train_count is 13 but the file holds only 12 images", e.Message);
    }

    [Fact]
    public void NonMnistImageSize_IsAnError()
    {
        string folder = _dir.Combine("odd");
        IdxTestFiles.WriteDataset(folder, 2, 2, gz: false);
        File.WriteAllBytes(Path.Combine(folder, "t10k-images-idx3-ubyte"), IdxTestFiles.Images(2, 20, 20, (_, _, _) => 0));
        var e = Assert.Throws<CrossbarException>(() => DatasetLoader.Load(new DataConfig(), folder, 1));
        Assert.Contains("images are 20×20; expected 28×28", e.Message);
    }

    [Fact]
    public void RealMnist_WhenPresent()
    {
        const string folder = "/work/shared/data/mnist";
        if (DatasetLocator.TryFolder(folder, out _) is null)
        {
            Console.WriteLine($"skipped: no MNIST in {folder}");
            return;
        }
        var split = DatasetLoader.Load(new DataConfig(), folder, 1);
        Assert.Equal(60000, split.Train.Count);
        Assert.Equal(10000, split.Test.Count);
        Assert.Equal(784, split.Train.Features);
        Assert.Equal(5, split.Train.Labels[0]);
        Assert.Equal(7, split.Test.Labels[0]);
    }
}
