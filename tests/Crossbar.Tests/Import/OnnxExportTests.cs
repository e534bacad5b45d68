using Crossbar.Config;
using Crossbar.Import.Onnx;
using Crossbar.Modules;
using Crossbar.Modules.Layers;
using Crossbar.Numerics;
using Crossbar.Tests.Modules;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Crossbar.Tests.Import;

/// <summary>Graphs exported to ONNX run in ONNX Runtime with Crossbar's outputs, and import back to the same network.</summary>
public sealed class OnnxExportTests
{
    private static void Perturb(Graph g)
    {
        var rng = CounterRng.ForStream(9, "export");
        foreach (var bn in g.Nodes.Select(n => n.Module).OfType<BatchNorm>())
        {
            for (int c = 0; c < bn.Channels; c++)
            {
                bn.RunningMean[c] = rng.NextFloat() - 0.5f;
                bn.RunningVar[c] = 0.2f + rng.NextFloat();
                bn.Gamma.Value[c] = 0.5f + rng.NextFloat();
                bn.Beta.Value[c] = rng.NextFloat() - 0.5f;
            }
        }
    }

    private static float[] Evaluate(Graph g, float[] x, int batch)
    {
        g.Input.Resize(batch);
        x.CopyTo(g.Input.Span);
        using var pool = new WorkerPool(2);
        return g.Forward(ForwardMode.Evaluate, pool).Span.ToArray();
    }

    private static float[] Runtime(string path, float[] x, int[] dims)
    {
        using var session = new InferenceSession(path);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("input", new DenseTensor<float>(x, dims))]);
        return results.First().AsEnumerable<float>().ToArray();
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(1e-6, expected.Max(v => Math.Abs((double)v)));
        Assert.All(expected.Zip(actual), p => Assert.True(Math.Abs(p.First - p.Second) <= 1e-4 * scale, $"{p.Second} vs {p.First}"));
    }

    public static TheoryData<string> Networks => new() { "resnet-a", "resnet-b", "lenet5", "mlp" };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Exported_networks_run_in_onnx_runtime_with_our_outputs_and_import_back(string network)
    {
        var (config, shape) = network switch
        {
            "resnet-a" => (new NetworkConfig { Family = NetworkFamily.Resnet, Resnet = new ResNetConfig { Shortcut = ResNetShortcut.A } }, new Shape(3, 16, 16)),
            "resnet-b" => (new NetworkConfig { Family = NetworkFamily.Resnet, Resnet = new ResNetConfig { Shortcut = ResNetShortcut.B } }, new Shape(3, 16, 16)),
            "lenet5" => (new NetworkConfig { Family = NetworkFamily.Lenet5 }, new Shape(1, 28, 28)),
            _ => (new NetworkConfig { Layers = [20, 12, 10], HiddenActivation = new ActivationConfig { Kind = ActivationKind.Tanh } }, Shape.Flat(20)),
        };
        var graph = GraphFactory.Build(config, shape, 10, 5);
        Perturb(graph);
        string path = Path.Combine(Path.GetTempPath(), $"crossbar-export-{network}-{Guid.NewGuid():N}.onnx");
        OnnxExporter.Export(graph, path);
        var x = new float[3 * shape.Size];
        CounterRng.ForStream(4, "export-input").FillGaussian(x, 0f, 1f);
        var ours = Evaluate(graph, x, 3);
        int[] dims = shape.IsFlat ? [3, shape.Size] : [3, shape.Channels, shape.Height, shape.Width];
        AssertClose(ours, Runtime(path, x, dims));
        var back = OnnxImporter.Import(path);
        Assert.Equal(graph.ParameterCount, back.Graph.ParameterCount);
        AssertClose(ours, Evaluate(back.Graph, x, 3));
        File.Delete(path);
    }

    [Fact]
    public void The_imported_model_zoo_cnn_exports_back_unchanged_in_its_outputs()
    {
        string onnx = ThirdPartyResNetTests.Shared("models/mnist-8-onnx/mnist-8.onnx") ?? throw new InvalidOperationException("../shared/models is missing");
        var m = OnnxImporter.Import(onnx);
        string path = Path.Combine(Path.GetTempPath(), $"crossbar-export-mnist8-{Guid.NewGuid():N}.onnx");
        OnnxExporter.Export(m.Graph, path);
        var x = new float[2 * 784];
        CounterRng.ForStream(6, "export-mnist").FillUniform(x);
        for (int i = 0; i < x.Length; i++)
        {
            x[i] *= 255f;
        }
        AssertClose(Evaluate(m.Graph, x, 2), Runtime(path, x, [2, 1, 28, 28]));
        File.Delete(path);
    }
}
