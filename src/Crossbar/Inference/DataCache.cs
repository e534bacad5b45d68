using Crossbar.Config;
using Crossbar.Data;

namespace Crossbar.Inference;

/// <summary>The dataset's IDX files read once, prepared as often as a study needs (e.g. once per test-noise variance).</summary>
public sealed class DataCache
{
    private readonly IdxFile _trainImages;
    private readonly IdxFile _trainLabels;
    private readonly IdxFile _testImages;
    private readonly IdxFile _testLabels;
    private readonly string _folder;

    public DataCache(DataConfig config, string? dataFolderOverride)
    {
        DatasetLoader.RejectImageOnly(config);
        var files = DatasetLocator.FromEnvironment().Locate(config.Dataset, dataFolderOverride, config.Path).Files;
        (_trainImages, _trainLabels) = IdxReader.ReadPair(files.TrainImages, files.TrainLabels);
        (_testImages, _testLabels) = IdxReader.ReadPair(files.TestImages, files.TestLabels);
        _folder = files.Folder;
    }

    /// <summary>The folder the files came from (pass it as --data to runs this one starts).</summary>
    public string Folder => _folder;

    public DataSplit Prepare(DataConfig config, ulong seed) =>
        DatasetLoader.Prepare(config, _trainImages, _trainLabels, _testImages, _testLabels, seed, _folder);
}
