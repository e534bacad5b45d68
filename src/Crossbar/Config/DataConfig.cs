namespace Crossbar.Config;

public enum DatasetName
{
    Mnist,
    FashionMnist,
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
    [Doc("mnist or fashion_mnist (same IDX format).")]
    public DatasetName Dataset { get; set; } = DatasetName.Mnist;

    [Doc("Folder holding the four IDX files (.gz or raw), or its parent; relative to the current directory; --data overrides it; empty = $CROSSBAR_DATA, else ../shared/data/<dataset>, ./data/<dataset>, then shared/data/ and data/ in parent folders.")]
    public string? Path { get; set; }

    [Doc("Use only the first N training images (e.g. 5000 as in 000/001); empty = all 60,000.")]
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

    public IEnumerable<(string Key, string Problem)> Validate()
    {
        if (Path is not null && Path.Trim().Length == 0)
        {
            yield return ("path", "must not be blank; leave it out to use the default search");
        }
    }
}
