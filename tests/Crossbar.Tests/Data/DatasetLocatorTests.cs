using Crossbar.Config;
using Crossbar.Data;

namespace Crossbar.Tests.Data;

public sealed class DatasetLocatorTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Dataset(params string[] parts)
    {
        string folder = _dir.Combine(parts);
        IdxTestFiles.WriteDataset(folder, 1, 1);
        return folder;
    }

    [Fact]
    public void Order_Explicit_Then_Config_Then_Env_Then_Defaults()
    {
        string explicitDir = Dataset("explicit");
        string configDir = Dataset("config");
        string envDir = Dataset("env");
        string cwd = _dir.Combine("work", "here");
        string defaultDir = Dataset("work", "here", "data", "mnist");

        var withEnv = new DatasetLocator(envDir, cwd);
        Assert.Equal(explicitDir, withEnv.Locate(DatasetName.Mnist, explicitDir, configDir).Files.Folder);
        Assert.Equal(configDir, withEnv.Locate(DatasetName.Mnist, null, configDir).Files.Folder);
        Assert.Equal(envDir, withEnv.Locate(DatasetName.Mnist, null, null).Files.Folder);
        var location = new DatasetLocator(null, cwd).Locate(DatasetName.Mnist, null, null);
        Assert.Equal(defaultDir, location.Files.Folder);
        Assert.Equal("default", location.Searched[^1].Origin);
    }

    [Fact]
    public void NamedFolder_MayBeTheDatasetFolder_OrItsParent_AndRelativeToCwd()
    {
        string fashion = Dataset("root", "fashion-mnist");
        var locator = new DatasetLocator(null, _dir.Path);
        Assert.Equal(fashion, locator.Locate(DatasetName.FashionMnist, _dir.Combine("root"), null).Files.Folder);
        Assert.Equal(fashion, locator.Locate(DatasetName.FashionMnist, fashion, null).Files.Folder);
        Assert.Equal(fashion, locator.Locate(DatasetName.FashionMnist, "root", null).Files.Folder);
    }

    [Fact]
    public void DefaultSearch_WalksUpParents()
    {
        string shared = Dataset("shared", "data", "mnist");
        string deep = _dir.Combine("a", "b", "c");
        Directory.CreateDirectory(deep);
        Assert.Equal(shared, new DatasetLocator(null, deep).Locate(DatasetName.Mnist, null, null).Files.Folder);
        // ../shared/data/<name> comes first, then ./data/<name>.
        var candidates = new DatasetLocator(null, deep).Candidates(DatasetName.Mnist, null, null);
        Assert.Equal(_dir.Combine("a", "b", "shared", "data", "mnist"), candidates[0].Folder);
        Assert.Equal(Path.Combine(deep, "data", "mnist"), candidates[1].Folder);
    }

    [Fact]
    public void NamedFolderWithoutData_IsReported_NotSkippedForADefault()
    {
        Dataset("work", "data", "mnist"); // a default copy that must not be used silently
        string typo = _dir.Combine("tpyo");
        var e = Assert.Throws<CrossbarException>(() =>
            new DatasetLocator(null, _dir.Combine("work")).Locate(DatasetName.Mnist, typo, null));
        Assert.Contains(typo, e.Message);
        Assert.Contains("--data", e.Message);
        Assert.Contains("crossbar data download", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void NothingFound_ListsEveryPlaceSearched()
    {
        string cwd = _dir.Combine("x");
        Directory.CreateDirectory(cwd);
        var locator = new DatasetLocator(null, cwd);
        var e = Assert.Throws<CrossbarException>(() => locator.Locate(DatasetName.FashionMnist, null, null));
        foreach (var (_, folder) in locator.Candidates(DatasetName.FashionMnist, null, null))
        {
            Assert.Contains(folder, e.Message);
        }
        Assert.Contains("crossbar data download --to data --dataset fashion_mnist", e.Message);
    }

    [Fact]
    public void AcceptsRawGzAndDottedNames_AndReportsIncompleteFolders()
    {
        string folder = _dir.Combine("mixed");
        IdxTestFiles.WriteDataset(folder, 1, 1, gz: false);
        File.Move(Path.Combine(folder, "train-images-idx3-ubyte"), Path.Combine(folder, "train-images.idx3-ubyte"));
        var files = DatasetLocator.TryFolder(folder, out string outcome);
        Assert.Equal("found", outcome);
        Assert.Equal(Path.Combine(folder, "train-images.idx3-ubyte"), files!.TrainImages);

        File.Delete(Path.Combine(folder, "t10k-labels-idx1-ubyte"));
        Assert.Null(DatasetLocator.TryFolder(folder, out outcome));
        Assert.Contains("missing t10k-labels-idx1-ubyte", outcome);
    }
}
