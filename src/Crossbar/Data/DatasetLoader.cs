using System.Globalization;
using Crossbar.Config;

namespace Crossbar.Data;

/// <summary>
/// Loads a dataset from its IDX files and prepares it as the config says: first-N subsets, crop, pixel range,
/// Gaussian test noise, mean normalisation — in that order. Nothing is cached on disk.
/// </summary>
public static class DatasetLoader
{
    /// <summary>Locates the files (<paramref name="dataFolderOverride"/> = <c>--data</c>, then data.path, …) and loads them.</summary>
    public static DataSplit Load(DataConfig config, string? dataFolderOverride, ulong seed)
    {
        RejectImageOnly(config);
        var location = DatasetLocator.FromEnvironment().Locate(config.Dataset, dataFolderOverride, config.Path);
        return Load(config, location.Files, seed);
    }

    /// <summary>Loads from known files.</summary>
    public static DataSplit Load(DataConfig config, DatasetFiles files, ulong seed)
    {
        // Train and test are independent files: reading them concurrently hides part of the gunzip time.
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
        return Prepare(config, trainImages!, trainLabels!, testImages!, testLabels!, seed, files.Folder);
    }

    /// <summary>Applies the config's transforms to parsed files.</summary>
    public static DataSplit Prepare(DataConfig config, IdxFile trainImages, IdxFile trainLabels, IdxFile testImages, IdxFile testLabels,
        ulong seed, string folder)
    {
        RejectImageOnly(config);
        CheckSize(trainImages);
        CheckSize(testImages);
        int trainCount = Subset(config.TrainCount, trainImages, "data.train_count");
        int testCount = Subset(config.TestCount, testImages, "data.test_count");
        int pixels = ImageTransforms.Side * ImageTransforms.Side;
        var indices = ImageTransforms.PixelIndices(config.Crop);
        int features = indices.Length;

        var train = ImageTransforms.ToInputs(trainImages.Data, pixels, trainCount, indices, config.PixelRange);
        var test = ImageTransforms.ToInputs(testImages.Data, pixels, testCount, indices, config.PixelRange);
        // Noise is added in pixel space, before mean normalisation, so clipping is to the pixel range (003 Fig. 5).
        ImageTransforms.AddClippedNoise(test, indices, pixels, config.TestNoiseVariance, config.PixelRange, seed);
        if (config.MeanNormalization)
        {
            // The mean comes from the (sub)training set only, and is applied to both sets (003 §III).
            var mean = ImageTransforms.FeatureMean(train, features);
            ImageTransforms.SubtractMean(train, mean);
            ImageTransforms.SubtractMean(test, mean);
        }

        string name = DatasetLocator.FolderName(config.Dataset);
        var trainSet = new Dataset($"{name} train", train, trainLabels.Data[..trainCount], features);
        var testSet = new Dataset($"{name} test", test, testLabels.Data[..testCount], features);
        return new DataSplit(trainSet, testSet, Describe(config, trainCount, testCount, features, seed, folder));
    }

    /// <summary>One line: dataset, counts, features, options and folder.</summary>
    public static string Describe(DataConfig config, int trainCount, int testCount, int features, ulong seed, string folder)
    {
        var inv = CultureInfo.InvariantCulture;
        var (lo, hi) = ImageTransforms.Bounds(config.PixelRange);
        string crop = config.Crop == InputCrop.Crop22x24
            ? $"central {ImageTransforms.CropRows}×{ImageTransforms.CropColumns} crop"
            : "full 28×28";
        var parts = new List<string>
        {
            $"{DatasetLocator.FolderName(config.Dataset)}: {trainCount.ToString("N0", inv)} train / {testCount.ToString("N0", inv)} test images",
            $"{features} features ({crop})",
            string.Create(inv, $"pixels in [{lo}, {hi}]"),
        };
        if (config.TestNoiseVariance > 0)
        {
            parts.Add(string.Create(inv, $"test noise variance {config.TestNoiseVariance:G4} (clipped, seed {seed})"));
        }
        if (config.MeanNormalization)
        {
            parts.Add("mean-normalised");
        }
        parts.Add($"from {folder}");
        return string.Join(", ", parts);
    }

    /// <summary>
    /// This loader feeds the fully connected networks; the image-network settings would be silently ignored here, so
    /// they are refused instead.
    /// </summary>
    public static void RejectImageOnly(DataConfig config)
    {
        if (config.Dataset == DatasetName.Cifar10)
        {
            throw new CrossbarException(
                "data.dataset: cifar10 is read only by image (convolutional) networks; this network takes mnist or fashion_mnist");
        }
        if (config.Normalization is not null)
        {
            throw new CrossbarException(
                "data.normalization: applies only to image (convolutional) networks; this network uses data.pixel_range and data.mean_normalization");
        }
        if (config.Augmentation is not null)
        {
            throw new CrossbarException("data.augmentation: applies only to image (convolutional) networks; leave it out here");
        }
    }

    private static void CheckSize(IdxFile images)
    {
        if (images.Rows != ImageTransforms.Side || images.Columns != ImageTransforms.Side)
        {
            throw new CrossbarException(
                $"{images.Source}: images are {images.Rows}×{images.Columns}; expected {ImageTransforms.Side}×{ImageTransforms.Side} (MNIST format)");
        }
    }

    private static int Subset(int? requested, IdxFile images, string key)
    {
        if (requested is not { } n)
        {
            return images.Count;
        }
        if (n > images.Count)
        {
            throw new CrossbarException(
                $"{images.Source}: {key} is {n.ToString("N0", CultureInfo.InvariantCulture)} but the file holds only {images.Count.ToString("N0", CultureInfo.InvariantCulture)} images");
        }
        return n;
    }
}
