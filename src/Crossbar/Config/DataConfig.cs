namespace Crossbar.Config;

public enum DatasetName
{
    Mnist,
    FashionMnist,

    /// <summary>CIFAR-10 binary batches: 32×32 RGB images, only for image networks (<c>ImageSetLoader</c>).</summary>
    Cifar10,
}

public enum InputCrop
{
    /// <summary>All 28×28 = 784 pixels.</summary>
    [Key("none")] None,

    /// <summary>The central 22 rows × 24 columns = 528 pixels (000 §I, Fig. 2; 001 Fig. 4).</summary>
    [Key("22x24")] Crop22x24,
}

public enum PixelRange
{
    /// <summary>Pixels scaled to [0, 1] (000 cases #2b–#5, 002, 003).</summary>
    [Key("0_1")] ZeroOne,

    /// <summary>Pixels scaled to [−1, 1] (000 cases #1, #2a).</summary>
    [Key("-1_1")] MinusOneOne,
}

/// <summary>Which images, how many, and how pixels become input-neuron excitations.</summary>
public sealed class DataConfig : IValidatedConfig
{
    [Doc("mnist or fashion_mnist (same IDX format; 28×28 grey), or cifar10 (32×32 RGB binary batches; image networks only).")]
    public DatasetName Dataset { get; set; } = DatasetName.Mnist;

    [Doc("Folder holding the four IDX files (.gz or raw) or the six CIFAR-10 .bin batches, or its parent; relative to the current directory; --data overrides it; empty = $CROSSBAR_DATA, else ../shared/data/<dataset>, ./data/<dataset>, then shared/data/ and data/ in parent folders.")]
    public string? Path { get; set; }

    [Doc("Use only the first N training images (e.g. 5000 as in 000/001); empty = all (60,000 for mnist/fashion_mnist, 50,000 for cifar10).")]
    [Range(1, 60000)]
    public int? TrainCount { get; set; }

    [Doc("Use only the first N test images; empty = all 10,000.")]
    [Range(1, 10000)]
    public int? TestCount { get; set; }

    [Doc("none (784 inputs) or 22x24 (528 inputs, the network of papers 000/001).")]
    public InputCrop Crop { get; set; } = InputCrop.None;

    [Doc("0_1 or -1_1: range pixels are scaled to.")]
    public PixelRange PixelRange { get; set; } = PixelRange.ZeroOne;

    [Doc("Subtract the training set's per-pixel mean after scaling (003 §III).")]
    public bool MeanNormalization { get; set; }

    [Doc("Variance (in pixel-range units) of zero-mean Gaussian noise added to test images before mean normalisation, clipped to the pixel range (003 Fig. 5); 0 = none.")]
    [Range(0, 100)]
    public double TestNoiseVariance { get; set; }

    [Doc("Shuffle the training order every epoch (deterministic for a seed); false = file order.")]
    public bool Shuffle { get; set; } = true;

    [Doc("Image networks only: how pixel bytes become inputs, x = (pixel·scale − mean[c]) / std[c]; absent = scale 1/255 and the dataset's default mean/std.")]
    [OmitWhenNull]
    public NormalizationConfig? Normalization { get; set; }

    [Doc("Image networks only: random training augmentation (crop after zero padding, horizontal flip); absent = none.")]
    [OmitWhenNull]
    public AugmentationConfig? Augmentation { get; set; }

    /// <summary>Colour channels of the dataset's images: 1 for the grey MNIST sets, 3 (R, G, B) for CIFAR-10.</summary>
    public static int Channels(DatasetName dataset) => dataset == DatasetName.Cifar10 ? 3 : 1;

    public IEnumerable<(string Key, string Problem)> Validate()
    {
        if (Path is not null && Path.Trim().Length == 0)
        {
            yield return ("path", "must not be blank; leave it out to use the default search");
        }
        // The channel count is known only here, where the dataset is, so per-channel lengths are checked here.
        int channels = Channels(Dataset);
        string dataset = ConfigNaming.EnumName(Dataset);
        string perChannel = channels == 3 ? "3 values (R, G, B)" : "1 value";
        if (Normalization?.Mean is { } mean && mean.Length != channels)
        {
            yield return ("normalization.mean", $"has {mean.Length} value(s); {dataset} images have {channels} channel(s), so give {perChannel}");
        }
        if (Normalization?.Std is { } std && std.Length != channels)
        {
            yield return ("normalization.std", $"has {std.Length} value(s); {dataset} images have {channels} channel(s), so give {perChannel}");
        }
        if (Dataset == DatasetName.Cifar10)
        {
            // These are the MLP's MNIST transforms; CIFAR-10 images are used whole and scaled by `normalization`.
            if (Crop != InputCrop.None)
            {
                yield return ("crop", "does not apply to cifar10 (its 32×32 images are used whole; for random crops use augmentation.crop_padding); leave it out or set none");
            }
            if (PixelRange != PixelRange.ZeroOne)
            {
                yield return ("pixel_range", "does not apply to cifar10 (pixels are scaled by normalization.scale, mean and std); leave it out or set 0_1");
            }
            if (MeanNormalization)
            {
                yield return ("mean_normalization", "does not apply to cifar10 (the per-channel mean is normalization.mean); leave it out or set false");
            }
            if (TestNoiseVariance > 0)
            {
                yield return ("test_noise_variance", "is not supported for cifar10; leave it out or set 0");
            }
        }
    }
}
