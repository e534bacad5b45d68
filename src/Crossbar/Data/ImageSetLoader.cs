using System.Globalization;
using Crossbar.Config;

namespace Crossbar.Data;

/// <summary>
/// Loads a dataset as byte images for image (convolutional) networks: mnist and fashion_mnist as 1×28×28, cifar10 as
/// 3×32×32, first-N subsets by train_count/test_count. Normalisation and augmentation happen per batch in
/// <see cref="ImageBatcher"/>; <see cref="Normalization"/> and <see cref="Augmentation"/> turn the config into theirs.
/// </summary>
public static class ImageSetLoader
{
    /// <summary>Locates the files (<paramref name="dataFolderOverride"/> = <c>--data</c>, then data.path, …) and loads them.</summary>
    public static ImageSplit Load(DataConfig config, string? dataFolderOverride)
    {
        RejectMlpOnly(config);
        var locator = DatasetLocator.FromEnvironment();
        if (config.Dataset == DatasetName.Cifar10)
        {
            return LoadCifar10(config, locator.LocateCifar10(dataFolderOverride, config.Path).Files);
        }
        return LoadIdx(config, locator.Locate(config.Dataset, dataFolderOverride, config.Path).Files);
    }

    /// <summary>Loads CIFAR-10 from known files; only the training batches train_count needs are read.</summary>
    public static ImageSplit LoadCifar10(DataConfig config, Cifar10Files files)
    {
        var trainPaths = files.TrainBatches;
        if (config.TrainCount is { } n)
        {
            // Read just the batches the first n images are in, judged by file size (the reader checks the sizes).
            long records = 0;
            int needed = 0;
            while (needed < trainPaths.Count && records < n)
            {
                records += FileLength(trainPaths[needed++]) / Cifar10Reader.RecordSize;
            }
            trainPaths = trainPaths.Take(Math.Max(needed, 1)).ToArray();
        }
        ImageSet train = null!, test = null!;
        try
        {
            Parallel.Invoke(
                () => train = Cifar10Reader.Read("cifar-10 train", trainPaths, config.TrainCount),
                () => test = Cifar10Reader.Read("cifar-10 test", [files.TestBatch], config.TestCount));
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is CrossbarException) is { } first)
        {
            throw first;
        }
        CheckCount(config.TrainCount, train.Count, "data.train_count", string.Join(", ", trainPaths), "training");
        CheckCount(config.TestCount, test.Count, "data.test_count", files.TestBatch, "test");
        return new ImageSplit(train, test, Describe(config, train, test, files.Folder));
    }

    /// <summary>Loads mnist or fashion_mnist from known IDX files as 1-channel images.</summary>
    public static ImageSplit LoadIdx(DataConfig config, DatasetFiles files)
    {
        IdxFile? trainImages = null, trainLabels = null, testImages = null, testLabels = null;
        try
        {
            Parallel.Invoke(
                () => (trainImages, trainLabels) = IdxReader.ReadPair(files.TrainImages, files.TrainLabels),
                () => (testImages, testLabels) = IdxReader.ReadPair(files.TestImages, files.TestLabels));
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is CrossbarException) is { } first)
        {
            throw first;
        }
        string name = DatasetLocator.FolderName(config.Dataset);
        var train = FromIdx($"{name} train", trainImages!, trainLabels!, config.TrainCount, "data.train_count");
        var test = FromIdx($"{name} test", testImages!, testLabels!, config.TestCount, "data.test_count");
        return new ImageSplit(train, test, Describe(config, train, test, files.Folder));
    }

    /// <summary>The config's normalisation, with the dataset's defaults for what it leaves out.</summary>
    public static ImageNormalization Normalization(DataConfig config)
    {
        int channels = DataConfig.Channels(config.Dataset);
        var defaults = config.Dataset == DatasetName.Cifar10 ? ImageNormalization.Cifar10() : ImageNormalization.UnitRange(channels);
        var n = config.Normalization;
        if (n is null)
        {
            return defaults;
        }
        return new ImageNormalization((float)n.Scale,
            n.Mean?.Select(v => (float)v).ToArray() ?? defaults.Mean,
            n.Std?.Select(v => (float)v).ToArray() ?? defaults.Std);
    }

    /// <summary>The config's training augmentation, or null when there is none.</summary>
    public static ImageAugmentation? Augmentation(DataConfig config) =>
        config.Augmentation is { } a && (a.CropPadding > 0 || a.HorizontalFlip) ? new ImageAugmentation(a.CropPadding, a.HorizontalFlip) : null;

    /// <summary>One line: dataset, counts, shape, normalisation, augmentation and folder.</summary>
    public static string Describe(DataConfig config, ImageSet train, ImageSet test, string folder)
    {
        var inv = CultureInfo.InvariantCulture;
        var norm = Normalization(config);
        var aug = Augmentation(config);
        string F(float[] v) => "[" + string.Join(", ", v.Select(x => x.ToString("G4", inv))) + "]";
        var parts = new List<string>
        {
            $"{DatasetLocator.FolderName(config.Dataset)}: {train.Count.ToString("N0", inv)} train / {test.Count.ToString("N0", inv)} test images",
            $"{train.Channels}×{train.Height}×{train.Width}",
            string.Create(inv, $"x = (pixel·{norm.Scale:G4} − mean {F(norm.Mean)}) / std {F(norm.Std)}"),
        };
        if (aug is not null)
        {
            var what = new List<string>();
            if (aug.CropPadding > 0)
            {
                what.Add($"random crop with padding {aug.CropPadding}");
            }
            if (aug.HorizontalFlip)
            {
                what.Add("horizontal flip");
            }
            parts.Add("training augmentation: " + string.Join(" + ", what));
        }
        parts.Add($"from {folder}");
        return string.Join(", ", parts);
    }

    /// <summary>The MLP's pixel transforms have no meaning for byte images; refuse them rather than ignore them.</summary>
    private static void RejectMlpOnly(DataConfig config)
    {
        if (config.Crop != InputCrop.None)
        {
            throw new CrossbarException("data.crop: does not apply to image networks (they see whole images; use data.augmentation.crop_padding); set none");
        }
        if (config.PixelRange != PixelRange.ZeroOne)
        {
            throw new CrossbarException("data.pixel_range: does not apply to image networks (use data.normalization); set 0_1");
        }
        if (config.MeanNormalization)
        {
            throw new CrossbarException("data.mean_normalization: does not apply to image networks (use data.normalization.mean); set false");
        }
        if (config.TestNoiseVariance > 0)
        {
            throw new CrossbarException("data.test_noise_variance: is not supported for image networks; set 0");
        }
    }

    private static ImageSet FromIdx(string name, IdxFile images, IdxFile labels, int? requested, string key)
    {
        int count = requested ?? images.Count;
        CheckCount(requested, images.Count, key, images.Source, "");
        int per = images.Rows * images.Columns;
        return new ImageSet(name, images.Data[..(count * per)], labels.Data[..count], 1, images.Rows, images.Columns);
    }

    private static long FileLength(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? info.Length : 0;
    }

    private static void CheckCount(int? requested, int available, string key, string source, string what)
    {
        if (requested is { } n && n > available)
        {
            var inv = CultureInfo.InvariantCulture;
            throw new CrossbarException(
                $"{source}: {key} is {n.ToString("N0", inv)} but the {(what.Length > 0 ? what + " " : "")}file(s) hold only {available.ToString("N0", inv)} images");
        }
    }
}
