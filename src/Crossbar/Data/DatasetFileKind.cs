namespace Crossbar.Data;

/// <summary>The four files of an MNIST-style dataset, with their standard base names.</summary>
public enum DatasetFileKind
{
    TrainImages,
    TrainLabels,
    TestImages,
    TestLabels,
}

public static class DatasetFileKinds
{
    public static readonly DatasetFileKind[] All =
        [DatasetFileKind.TrainImages, DatasetFileKind.TrainLabels, DatasetFileKind.TestImages, DatasetFileKind.TestLabels];

    /// <summary>The standard name without <c>.gz</c>, e.g. <c>train-images-idx3-ubyte</c>.</summary>
    public static string StandardName(this DatasetFileKind kind) => kind switch
    {
        DatasetFileKind.TrainImages => "train-images-idx3-ubyte",
        DatasetFileKind.TrainLabels => "train-labels-idx1-ubyte",
        DatasetFileKind.TestImages => "t10k-images-idx3-ubyte",
        DatasetFileKind.TestLabels => "t10k-labels-idx1-ubyte",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// Accepted file names in order of preference: raw first (loads faster), then gzipped, and the dotted variant
    /// (<c>train-images.idx3-ubyte</c>) some copies of MNIST use.
    /// </summary>
    public static IEnumerable<string> AcceptedNames(this DatasetFileKind kind)
    {
        string std = kind.StandardName();
        int dash = std.IndexOf("-idx", StringComparison.Ordinal);
        string dotted = std[..dash] + "." + std[(dash + 1)..];
        yield return std;
        yield return std + ".gz";
        yield return dotted;
        yield return dotted + ".gz";
    }

    public static bool IsImages(this DatasetFileKind kind) => kind is DatasetFileKind.TrainImages or DatasetFileKind.TestImages;
}
