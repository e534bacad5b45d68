using Crossbar.Cli;
using Crossbar.Data;

namespace Crossbar.Tests.Data;

public sealed class DataCommandTests : IDisposable
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
    public void Inspect_ReportsFormatShapeMd5AndHistogram()
    {
        string folder = _dir.Combine("mnist");
        IdxTestFiles.WriteDataset(folder, 20, 10, gz: false, label: i => (byte)(i % 3));
        var (code, output, err) = Run("data", "--data", _dir.Path);
        Assert.True(code == 0, err);
        Assert.Contains($"Found: {folder}", output);
        Assert.Contains("train-images-idx3-ubyte", output);
        Assert.Contains("format: raw", output);
        Assert.Contains("shape:  20 × 28 × 28", output);
        Assert.Contains(KnownChecksums.Md5HexOfFile(Path.Combine(folder, "train-labels-idx1-ubyte")), output);
        Assert.Contains("DIFFERS from the official md5 a25bea736e30d166cdddb491f175f624", output);
        Assert.Contains("labels: 0:7  1:7  2:6  3:0", output);
    }

    [Fact]
    public void Inspect_NotFound_IsOneLineErrorWithExitCode2()
    {
        var (code, _, err) = Run("data", "--data", _dir.Combine("missing"), "--dataset", "fashion_mnist");
        Assert.Equal(CliErrors.UserError, code);
        Assert.StartsWith("error: fashion-mnist dataset not found", err);
        Assert.Contains("crossbar data download", err);
        Assert.Single(err.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Inspect_CorruptFile_IsReportedAndFails()
    {
        string folder = _dir.Combine("mnist");
        IdxTestFiles.WriteDataset(folder, 4, 4);
        File.WriteAllBytes(Path.Combine(folder, "t10k-images-idx3-ubyte.gz"), [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]);
        var (code, output, err) = Run("data", "--data", folder);
        Assert.Equal(CliErrors.UserError, code);
        Assert.Contains("INVALID", output);
        Assert.Contains("t10k-images-idx3-ubyte.gz", err);
    }

    [Fact]
    public void Download_FromLoopbackMirror_WritesVerifiedFiles_ThenSkipsThem()
    {
        var served = new Dictionary<string, byte[]>
        {
            ["/train-images-idx3-ubyte.gz"] = IdxTestFiles.Gzip(IdxTestFiles.Images(3, 28, 28, (i, r, c) => (byte)(i + r + c))),
            ["/train-labels-idx1-ubyte.gz"] = IdxTestFiles.Gzip(IdxTestFiles.Labels([1, 2, 3])),
            ["/t10k-images-idx3-ubyte.gz"] = IdxTestFiles.Gzip(IdxTestFiles.Images(2, 28, 28, (i, r, c) => (byte)(i * r))),
            ["/t10k-labels-idx1-ubyte.gz"] = IdxTestFiles.Gzip(IdxTestFiles.Labels([4, 5])),
        };
        using var server = new LoopbackServer(served);
        string to = _dir.Combine("downloads");

        var (code, output, err) = Run("data", "download", "--to", to, "--mirror", server.BaseUrl);
        Assert.True(code == 0, err + output);
        string folder = Path.Combine(to, "mnist");
        foreach (var (name, bytes) in served)
        {
            Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(folder, name.TrimStart('/'))));
            Assert.Contains($"md5 {KnownChecksums.Md5Hex(bytes)}", output);
        }
        Assert.Contains("warning", output); // synthetic files differ from the official md5s: a warning with --mirror
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        Assert.Equal(4, server.Requests);

        // The files are now found and load; a second download fetches nothing.
        var split = DatasetLoader.Load(new Crossbar.Config.DataConfig(), to, 1);
        Assert.Equal([1, 2, 3], split.Train.Labels);
        (code, output, err) = Run("data", "download", "--to", folder, "--mirror", server.BaseUrl);
        Assert.True(code == 0, err);
        Assert.Contains("already present and valid", output);
        Assert.Equal(4, server.Requests);
    }

    [Fact]
    public void Download_BadFileFromMirror_FailsCleanly_AndLeavesNothing()
    {
        var served = new Dictionary<string, byte[]>
        {
            ["/train-images-idx3-ubyte.gz"] = IdxTestFiles.Gzip(IdxTestFiles.Images(3, 28, 28, (_, _, _) => 0)[..100]),
        };
        using var server = new LoopbackServer(served);
        var (code, _, err) = Run("data", "download", "--to", _dir.Path, "--mirror", server.BaseUrl, "--dataset", "fashion-mnist");
        Assert.Equal(CliErrors.UserError, code);
        Assert.Contains("truncated", err);
        Assert.Contains("train-images-idx3-ubyte.gz", err);
        Assert.Empty(Directory.GetFiles(_dir.Combine("fashion-mnist")));

        (code, _, err) = Run("data", "download", "--to", _dir.Path, "--mirror", "ftp://example/");
        Assert.Equal(CliErrors.UserError, code);
        Assert.Contains("--mirror", err);
    }

    [Fact]
    public void Help_DescribesEveryOption()
    {
        var (_, output, _) = Run("data", "download", "--help");
        Assert.Contains("--to", output);
        Assert.Contains("--mirror", output);
        Assert.Contains("--dataset", output);
        Assert.Contains("fashion_mnist", output);
    }
}
