namespace Crossbar.Data;

/// <summary>
/// Images as input-neuron excitations, ready for the network: row-major <see cref="Inputs"/> of
/// <see cref="Count"/> × <see cref="Features"/> floats (already cropped, scaled, normalised), and one label per image.
/// </summary>
public sealed class Dataset
{
    public Dataset(string name, float[] inputs, byte[] labels, int features, int classes = 10)
    {
        if (features <= 0 || inputs.Length != labels.Length * features)
        {
            throw new ArgumentException($"inputs ({inputs.Length}) must be labels ({labels.Length}) × features ({features})");
        }
        Name = name;
        Inputs = inputs;
        Labels = labels;
        Features = features;
        Classes = classes;
    }

    public string Name { get; }

    public float[] Inputs { get; }

    public byte[] Labels { get; }

    public int Count => Labels.Length;

    public int Features { get; }

    public int Classes { get; }

    public ReadOnlySpan<float> Input(int i) => new(Inputs, i * Features, Features);
}

/// <summary>A training and a test set prepared the same way.</summary>
public sealed record DataSplit(Dataset Train, Dataset Test, string Description);
