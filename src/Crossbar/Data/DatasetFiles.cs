namespace Crossbar.Data;

/// <summary>Where the four IDX files of one dataset were found.</summary>
public sealed record DatasetFiles(string Folder, string TrainImages, string TrainLabels, string TestImages, string TestLabels)
{
    public string this[DatasetFileKind kind] => kind switch
    {
        DatasetFileKind.TrainImages => TrainImages,
        DatasetFileKind.TrainLabels => TrainLabels,
        DatasetFileKind.TestImages => TestImages,
        DatasetFileKind.TestLabels => TestLabels,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
