using Crossbar.Config;
using Crossbar.Data;

namespace Crossbar.Tests.Data;

public sealed class ImageSetLoaderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static DataConfig Data(string yaml) => ExperimentLoader.FromText("data:\n" + yaml, "exp.yaml").Data;

    private static string Error(string yaml) => Assert.Throws<ConfigException>(() => Data(yaml)).Message;

    [Fact]
    public void Cifar10_LoadsSyntheticBatches_InOrder_WithCounts()
    {
        string folder = Cifar10TestFiles.WriteFolder(_dir.Combine("cifar-10"), 3);
        var config = new DataConfig { Dataset = DatasetName.Cifar10 };
        var split = ImageSetLoader.Load(config, _dir.Path);
        Assert.Equal(15, split.Train.Count);
        Assert.Equal(3, split.Test.Count);
        Assert.Equal(Enumerable.Range(0, 15).Select(i => (byte)(i % 10)), split.Train.Labels);
        Assert.Equal(Cifar10TestFiles.Pixel(7, 2, 31, 30), split.Train.Image(7)[2 * 1024 + 31 * 32 + 30]);
        Assert.Equal(Cifar10TestFiles.Pixel(1001, 0, 0, 0), split.Test.Image(1)[0]);
        Assert.Contains("cifar-10: 15 train / 3 test images, 3×32×32", split.Description);
        Assert.Contains("mean [0.4914, 0.4822, 0.4465]", split.Description);

        split = ImageSetLoader.Load(new DataConfig { Dataset = DatasetName.Cifar10, TrainCount = 4, TestCount = 2 }, folder);
        Assert.Equal((4, 2), (split.Train.Count, split.Test.Count));
        var e = Assert.Throws<CrossbarException>(() =>
            ImageSetLoader.Load(new DataConfig { Dataset = DatasetName.Cifar10, TestCount = 4 }, folder));
        Assert.StartsWith(Path.Combine(folder, "test_batch.bin") + ": data.test_count is 4 but the test file(s) hold only 3 images", e.Message);
    }

    [Fact]
    public void Mnist_LoadsAs1x28x28_HonouringCounts()
    {
        IdxTestFiles.WriteDataset(_dir.Combine("mnist"), 12, 8);
        var split = ImageSetLoader.Load(new DataConfig { TrainCount = 5, TestCount = 8 }, _dir.Path);
        Assert.Equal((5, 8, 1, 28, 28), (split.Train.Count, split.Test.Count, split.Train.Channels, split.Train.Height, split.Train.Width));
        var reference = DatasetLoader.Load(new DataConfig { TrainCount = 5 }, _dir.Path, 1);
        var b = new ImageBatcher(split.Train, ImageSetLoader.Normalization(new DataConfig()), null, 1);
        var x = new float[5 * 784];
        b.Fill([0, 1, 2, 3, 4], 0, x, new int[5]);
        // The same pixels / 255 as the MLP path (to float rounding: x·(1/255) is not always x/255).
        Assert.All(reference.Train.Inputs.Zip(x), p => Assert.Equal(p.First, p.Second, 1e-7f));
        Assert.Equal(reference.Train.Labels, split.Train.Labels);
        var e = Assert.Throws<CrossbarException>(() => ImageSetLoader.Load(new DataConfig { TrainCount = 13 }, _dir.Path));
        Assert.Contains("data.train_count is 13 but the file(s) hold only 12 images", e.Message);
        Assert.Contains("data.crop", Assert.Throws<CrossbarException>(() =>
            ImageSetLoader.Load(new DataConfig { Crop = InputCrop.Crop22x24 }, _dir.Path)).Message);
    }

    [Fact]
    public void Config_DefaultsAndResolvedValues()
    {
        var plain = Data("  dataset: cifar10\n");
        Assert.Equal(DatasetName.Cifar10, plain.Dataset);
        Assert.Null(plain.Normalization);
        Assert.Null(ImageSetLoader.Augmentation(plain));
        var n = ImageSetLoader.Normalization(plain);
        Assert.Equal(1f / 255, n.Scale);
        Assert.Equal([0.4914f, 0.4822f, 0.4465f], n.Mean);
        Assert.Equal([0.2470f, 0.2435f, 0.2616f], n.Std);
        var mnist = ImageSetLoader.Normalization(new DataConfig());
        Assert.Equal([0f], mnist.Mean);
        Assert.Equal([1f], mnist.Std);

        var set = Data("  dataset: cifar10\n  normalization: {mean: [0.5, 0.5, 0.5]}\n  augmentation: {crop_padding: 4, horizontal_flip: true}\n");
        n = ImageSetLoader.Normalization(set);
        Assert.Equal([0.5f, 0.5f, 0.5f], n.Mean);
        Assert.Equal([0.2470f, 0.2435f, 0.2616f], n.Std);
        Assert.Equal(new ImageAugmentation(4, true), ImageSetLoader.Augmentation(set));
        Assert.Null(ImageSetLoader.Augmentation(Data("  augmentation: {crop_padding: 0}\n")));
        Assert.Equal([0.25f], ImageSetLoader.Normalization(Data("  normalization: {mean: [0.25], std: [2]}\n")).Mean);
    }

    [Fact]
    public void Config_ResolvedYamlOfExistingExperiments_IsUnchanged()
    {
        // Absent image sections are not written, so MLP configs (and sweep config hashes) stay as they were.
        string yaml = ConfigWriter.ToYaml(ExperimentLoader.FromText("data:\n  dataset: mnist\n", "x.yaml"));
        Assert.Contains("  shuffle: true\nnetwork:", yaml);
        Assert.DoesNotContain("\n  normalization:", yaml);
        Assert.DoesNotContain("\n  augmentation:", yaml);
        // A committed sweep point's resolved config is written back byte for byte (its config hash is unchanged).
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Crossbar.slnx")))
        {
            root = root.Parent;
        }
        string committed = Path.Combine(root!.FullName, "experiments", "babu-stochastic", "reproduce-babu-fig3", "fig3-float", "points",
            "seed=1-42c27b1073", "config.yaml");
        if (File.Exists(committed))
        {
            string text = File.ReadAllText(committed);
            string body = string.Concat(text.Split('\n').Where(l => !l.StartsWith('#')).Select(l => l + "\n"))[..^1];
            Assert.Equal(body, ConfigWriter.ToYaml(ExperimentLoader.FromText(text, committed)));
        }
        // Present ones are written and read back the same.
        var config = ExperimentLoader.FromText("data:\n  dataset: cifar10\n  normalization: {std: [1, 2, 3]}\n  augmentation: {crop_padding: 4}\n", "x.yaml");
        string written = ConfigWriter.ToYaml(config);
        Assert.Contains("  normalization:\n", written);
        Assert.Contains("    std: [1, 2, 3]", written);
        Assert.Contains("    crop_padding: 4", written);
        Assert.Equal(written, ConfigWriter.ToYaml(ExperimentLoader.FromText(written, "y.yaml")));
    }

    [Theory]
    [InlineData("  dataset: cifar10\n  normalization: {mean: [0.5]}\n", "data.normalization.mean: has 1 value(s); cifar10 images have 3 channel(s), so give 3 values (R, G, B)")]
    [InlineData("  normalization: {std: [0.5, 0.5, 0.5]}\n", "data.normalization.std: has 3 value(s); mnist images have 1 channel(s), so give 1 value")]
    [InlineData("  dataset: cifar10\n  normalization: {std: [1, 0, 1]}\n", "data.normalization.std[1]: 0 is out of range; allowed: > 0")]
    [InlineData("  normalization: {scale: 0}\n", "data.normalization.scale: 0 is out of range")]
    [InlineData("  dataset: cifar10\n  crop: 22x24\n", "data.crop: does not apply to cifar10")]
    [InlineData("  dataset: cifar10\n  pixel_range: -1_1\n", "data.pixel_range: does not apply to cifar10")]
    [InlineData("  dataset: cifar10\n  mean_normalization: true\n", "data.mean_normalization: does not apply to cifar10")]
    [InlineData("  augmentation: {crop_padding: -1}\n", "data.augmentation.crop_padding: -1 is out of range")]
    [InlineData("  augmentation: {horizontal_flip: maybe}\n", "data.augmentation.horizontal_flip: 'maybe' is not a boolean")]
    [InlineData("  dataset: cifar100\n", "data.dataset: 'cifar100' is not allowed; must be one of: mnist, fashion_mnist, cifar10")]
    public void Config_BadValues_AreOneLineErrorsNamingFileAndKey(string yaml, string expected)
    {
        string message = Error(yaml);
        Assert.Contains("exp.yaml", message);
        Assert.Contains(expected, message);
        Assert.DoesNotContain('\n', message);
    }

    [Fact]
    public void MlpLoader_RefusesCifar10AndImageSections()
    {
        IdxTestFiles.WriteDataset(_dir.Combine("mnist"), 2, 2);
        Assert.Contains("cifar10 is read only by image", Assert.Throws<CrossbarException>(() =>
            DatasetLoader.Load(new DataConfig { Dataset = DatasetName.Cifar10 }, _dir.Path, 1)).Message);
        Assert.Contains("data.normalization", Assert.Throws<CrossbarException>(() =>
            DatasetLoader.Load(new DataConfig { Normalization = new NormalizationConfig() }, _dir.Path, 1)).Message);
        Assert.Contains("data.augmentation", Assert.Throws<CrossbarException>(() =>
            DatasetLoader.Load(new DataConfig { Augmentation = new AugmentationConfig() }, _dir.Path, 1)).Message);
    }
}
