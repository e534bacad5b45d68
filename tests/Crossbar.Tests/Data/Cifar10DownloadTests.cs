using Crossbar.Cli;
using Crossbar.Config;
using Crossbar.Data;

namespace Crossbar.Tests.Data;

public sealed class Cifar10DownloadTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Download_FromLoopbackMirror_UnpacksVerifiedBatches_KeepsValidOnes()
    {
        var batches = Cifar10TestFiles.Batches(4);
        using var server = new LoopbackServer(new() { ["/" + Cifar10Downloader.TarballName] = Cifar10TestFiles.Tarball(batches) });
        string to = _dir.Combine("downloads");

        var (code, output, err) = Run("data", "download", "--dataset", "cifar10", "--to", to, "--mirror", server.BaseUrl);
        Assert.True(code == 0, err + output);
        string folder = Path.Combine(to, "cifar-10");
        foreach (var (name, bytes) in batches)
        {
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(folder, name)));
            Assert.Contains($"md5 {KnownChecksums.Md5Hex(bytes)}", output);
        }
        Assert.Equal(6, Directory.GetFiles(folder).Length); // no readme, no tarball, no temporary files
        Assert.Contains("100%", output); // progress lines
        Assert.Contains("warning: ", output); // synthetic tarball and batches differ from the official md5s
        Assert.Contains("differs from the official c32a1d4ab5d03f1284b67883e8d87530", output);
        Assert.Contains("Done with 6 warning(s)", output);
        Assert.Equal(1, server.Requests);

        // Found by the loader and by `crossbar data`.
        var split = ImageSetLoader.Load(new DataConfig { Dataset = DatasetName.Cifar10 }, to);
        Assert.Equal((20, 4), (split.Train.Count, split.Test.Count));
        (code, output, err) = Run("data", "--dataset", "cifar10", "--data", to);
        Assert.True(code == 0, err);
        Assert.Contains("shape:  4 × 3 × 32 × 32", output);
        Assert.Contains("DIFFERS from the official md5 803d5f7f4d78ea53de84dbe85f74fb6d", output);
        Assert.Contains("labels: 0:1  1:1  2:1  3:1  4:0", output);

        // All present: nothing fetched.
        (code, output, err) = Run("data", "download", "--dataset", "cifar10", "--to", folder, "--mirror", server.BaseUrl);
        Assert.True(code == 0, err);
        Assert.Contains("test_batch.bin: already present and valid", output);
        Assert.Equal(1, server.Requests);

        // One missing and one damaged: both come back from the tarball, the other four are kept untouched.
        File.Delete(Path.Combine(folder, "data_batch_2.bin"));
        File.WriteAllBytes(Path.Combine(folder, "test_batch.bin"), [1, 2, 3]);
        var keptTime = File.GetLastWriteTimeUtc(Path.Combine(folder, "data_batch_1.bin"));
        (code, output, err) = Run("data", "download", "--dataset", "cifar10", "--to", to, "--mirror", server.BaseUrl);
        Assert.True(code == 0, err + output);
        Assert.Equal(2, server.Requests);
        Assert.Equal(batches["data_batch_2.bin"], File.ReadAllBytes(Path.Combine(folder, "data_batch_2.bin")));
        Assert.Equal(batches["test_batch.bin"], File.ReadAllBytes(Path.Combine(folder, "test_batch.bin")));
        Assert.Equal(keptTime, File.GetLastWriteTimeUtc(Path.Combine(folder, "data_batch_1.bin")));
        Assert.Contains("data_batch_1.bin: kept", output);
        Assert.Contains("data_batch_2.bin: downloaded", output);
    }

    [Fact]
    public void Download_BadBatchInTarball_FailsCleanly_AndLeavesNothing()
    {
        var batches = Cifar10TestFiles.Batches(2);
        batches["data_batch_3.bin"] = batches["data_batch_3.bin"][..^5];
        using var server = new LoopbackServer(new() { ["/" + Cifar10Downloader.TarballName] = Cifar10TestFiles.Tarball(batches) });
        var (code, _, err) = Run("data", "download", "--dataset", "cifar10", "--to", _dir.Path, "--mirror", server.BaseUrl);
        Assert.Equal(CliErrors.UserError, code);
        Assert.Contains("cifar-10-batches-bin/data_batch_3.bin: truncated", err);
        Assert.Single(err.TrimEnd().Split('\n'));
        Assert.Empty(Directory.GetFiles(_dir.Combine("cifar-10")));

        // A tarball without the batches, and a missing tarball (404), are errors too.
        batches.Remove("test_batch.bin");
        batches["data_batch_3.bin"] = Cifar10TestFiles.Batch(2);
        using var partial = new LoopbackServer(new() { ["/" + Cifar10Downloader.TarballName] = Cifar10TestFiles.Tarball(batches) });
        (code, _, err) = Run("data", "download", "--dataset", "cifar10", "--to", _dir.Path, "--mirror", partial.BaseUrl);
        Assert.Equal(CliErrors.UserError, code);
        Assert.Contains("the tarball holds no test_batch.bin", err);
        Assert.Empty(Directory.GetFiles(_dir.Combine("cifar-10")));
        using var empty = new LoopbackServer([]);
        (code, _, err) = Run("data", "download", "--dataset", "cifar10", "--to", _dir.Path, "--mirror", empty.BaseUrl);
        Assert.Equal(CliErrors.UserError, code);
        Assert.Contains("HTTP 404", err);
    }

    [Fact]
    public void StandardSource_IsTheOfficialTarball()
    {
        var uri = new Uri(DatasetDownloader.StandardMirrors(DatasetName.Cifar10)[0], Cifar10Downloader.TarballName);
        Assert.Equal("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz", uri.ToString());
        Assert.Equal(_dir.Combine("d", "cifar-10"), DatasetDownloader.TargetFolder(_dir.Combine("d"), DatasetName.Cifar10));
    }
}
