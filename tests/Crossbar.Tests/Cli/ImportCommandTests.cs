using Crossbar.Persistence;
using Crossbar.Tests.Modules;

namespace Crossbar.Tests.Cli;

/// <summary><c>crossbar import</c> and <c>crossbar eval</c> on an ONNX model.</summary>
public sealed class ImportCommandTests
{
    [Fact]
    public void Import_writes_a_model_file_that_eval_reads_and_a_bad_file_writes_nothing()
    {
        string onnx = ThirdPartyResNetTests.Shared("models/mnist-8-onnx/mnist-8.onnx") ?? throw new InvalidOperationException("../shared/models is missing");
        string dir = Path.Combine(Path.GetTempPath(), $"crossbar-import-{Guid.NewGuid():N}");
        string cbm = Path.Combine(dir, "mnist-8.cbm");
        var (exit, output, _) = CliHarness.Run("import", onnx, "--out", cbm);
        Assert.Equal(0, exit);
        Assert.Contains("opset 8", output);
        var (config, graph) = GraphModelFile.Load(cbm);
        Assert.Equal(global::Crossbar.Config.NetworkFamily.Onnx, config.Network.Family);
        Assert.Equal(5_994, graph.ParameterCount);

        string back = Path.Combine(dir, "mnist-8-exported.onnx");
        var (exportExit, exportOut, _) = CliHarness.Run("export", cbm, "--out", back);
        Assert.Equal(0, exportExit);
        Assert.Contains("opset 13", exportOut);
        Assert.Equal(5_994, global::Crossbar.Import.Onnx.OnnxImporter.Import(back).Graph.ParameterCount);

        string bad = Path.Combine(dir, "bad.onnx");
        File.WriteAllBytes(bad, File.ReadAllBytes(onnx)[..1000]);
        string target = Path.Combine(dir, "bad.cbm");
        var (badExit, _, err) = CliHarness.Run("import", bad, "--out", target);
        Assert.NotEqual(0, badExit);
        Assert.Contains(bad, err);
        Assert.DoesNotContain("   at ", err);   // no stack trace
        Assert.False(File.Exists(target));
        Directory.Delete(dir, recursive: true);
    }
}
