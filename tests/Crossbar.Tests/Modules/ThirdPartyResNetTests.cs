using Crossbar.Config;
using Crossbar.Modules;
using Crossbar.Persistence;

namespace Crossbar.Tests.Modules;

/// <summary>The published ResNet-20 (../shared/models/resnet20-cifar10) scores its publisher's 91.73 % through our graph.</summary>
public sealed class ThirdPartyResNetTests
{
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    internal static string? Shared(string relative)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string p = Path.Combine(d.FullName, "shared", relative);
            if (Path.Exists(p))
            {
                return p;
            }
        }
        return null;
    }

    [Fact]
    public void Scores_9173_of_10000()
    {
        string? model = Shared("models/resnet20-cifar10");
        string? test = Shared("data/cifar-10/test_batch.bin");
        if (model is null || test is null)
        {
            Assert.Fail("../shared/models/resnet20-cifar10 or ../shared/data/cifar-10 is missing");
            return;
        }
        var graph = GraphFactory.Build(new NetworkConfig { Family = NetworkFamily.Resnet }, new Shape(3, 32, 32), 10, 1);
        Assert.Equal(269_722, graph.ParameterCount);
        TensorManifest.Load(graph, Path.Combine(model, "resnet20_weights_manifest.json"), Path.Combine(model, "resnet20_weights_f32le.bin"));
        byte[] raw = File.ReadAllBytes(test);
        int count = int.TryParse(Environment.GetEnvironmentVariable("CROSSBAR_RESNET_TEST_COUNT"), out int c) ? c : 10_000;
        int correct = 0;
        const int batch = 500;
        using var pool = new WorkerPool(Environment.ProcessorCount);
        var labels = new int[batch];
        for (int start = 0; start < count; start += batch)
        {
            int n = Math.Min(batch, count - start);
            graph.Input.Resize(n);
            for (int i = 0; i < n; i++)
            {
                int rec = (start + i) * 3073;
                labels[i] = raw[rec];
                var x = graph.Input.Example(i);
                for (int j = 0; j < 3072; j++)
                {
                    x[j] = (raw[rec + 1 + j] / 255f - Mean[j / 1024]) / Std[j / 1024];
                }
            }
            var y = graph.Forward(ForwardMode.Evaluate, pool);
            for (int i = 0; i < n; i++)
            {
                correct += System.Numerics.Tensors.TensorPrimitives.IndexOfMax(y.Example(i)) == labels[i] ? 1 : 0;
            }
        }
        if (count == 10_000)
        {
            Assert.InRange(correct, 9171, 9175);
        }
        else
        {
            Assert.True(correct > count * 0.85, $"{correct} of {count}");
        }
    }
}
