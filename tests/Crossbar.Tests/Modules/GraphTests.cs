using Crossbar.Config;
using Crossbar.Modules;
using Crossbar.Numerics;
using Crossbar.Persistence;
using Crossbar.Training.Optim;

namespace Crossbar.Tests.Modules;

public sealed class GraphTests
{
    private static Graph ResNet(int depth = 20, ResNetShortcut shortcut = ResNetShortcut.A, ulong seed = 1) =>
        GraphFactory.Build(new NetworkConfig { Family = NetworkFamily.Resnet, Resnet = new ResNetConfig { Depth = depth, Shortcut = shortcut } },
            new Shape(3, 32, 32), 10, seed);

    [Theory]
    [InlineData(20, ResNetShortcut.A, 269_722)]
    [InlineData(32, ResNetShortcut.A, 464_154)]
    [InlineData(44, ResNetShortcut.A, 658_586)]
    [InlineData(56, ResNetShortcut.A, 853_018)]
    [InlineData(20, ResNetShortcut.B, 272_474)]
    public void ResNet_families_have_the_published_parameter_counts(int depth, ResNetShortcut shortcut, long parameters)
    {
        // He et al. 2016 Table 6: 0.27 M, 0.46 M, 0.66 M, 0.85 M; option B adds two 1×1 convs + BN.
        var g = ResNet(depth, shortcut);
        Assert.Equal(parameters, g.ParameterCount);
        Assert.Equal(Shape.Flat(10), g.OutputShape);
    }

    [Fact]
    public void ResNet20_needs_about_41_million_macs_per_image()
    {
        long macs = ResNet().MacsPerExample;
        Assert.InRange(macs, 40_000_000, 42_000_000);
    }

    [Fact]
    public void LeNet5_shapes_and_parameters()
    {
        var g = GraphFactory.Build(new NetworkConfig { Family = NetworkFamily.Lenet5 }, new Shape(1, 28, 28), 10, 1);
        // conv1 156 + conv2 2,416 + fc 48,120 + 10,164 + 850
        Assert.Equal(61_706, g.ParameterCount);
        Assert.Equal(new Shape(16, 5, 5), g.Nodes.Single(n => n.Name == "pool2").Shape);
    }

    [Fact]
    public void Custom_modules_bind_from_yaml_and_build()
    {
        var c = ExperimentLoader.FromText("""
            network:
              family: custom
              modules:
                - {type: conv2d, out_channels: 8, kernel: 3, padding: 1}
                - {type: batch_norm}
                - {type: relu}
                - {type: residual, out_channels: 16, stride: 2, shortcut: b}
                - {type: max_pool, kernel: 2}
                - {type: dropout, p: 0.25}
                - {type: flatten}
                - {type: linear, out_features: 10}
            """, "net.yaml");
        var g = GraphFactory.Build(c.Network, new Shape(3, 16, 16), 10, 1);
        Assert.Equal(Shape.Flat(10), g.OutputShape);
        Assert.Contains(g.Nodes, n => n.Name == "modules[3].shortcut.0");
    }

    [Fact]
    public void Shape_mismatch_names_file_line_module_and_both_shapes()
    {
        var c = ExperimentLoader.FromText("""
            network:
              family: custom
              modules:
                - {type: conv2d, out_channels: 8, kernel: 3}
                - {type: max_pool, kernel: 7}
                - {type: linear, out_features: 10}
            """, "bad.yaml");
        var e = Assert.Throws<CrossbarException>(() => GraphFactory.Build(c.Network, new Shape(1, 8, 8), 10, 1, "bad.yaml"));
        Assert.Contains("bad.yaml:5", e.Message);
        Assert.Contains("network.modules[1]", e.Message);
        Assert.Contains("7×7", e.Message);
        Assert.Contains("6×6", e.Message);
    }

    [Fact]
    public void Wrong_class_count_and_unknown_module_type_are_clear_errors()
    {
        var c = ExperimentLoader.FromText("network:\n  family: custom\n  modules:\n    - {type: flatten}\n    - {type: linear, out_features: 7}\n", "k.yaml");
        var e = Assert.Throws<CrossbarException>(() => GraphFactory.Build(c.Network, new Shape(1, 4, 4), 10, 1, "k.yaml"));
        Assert.Contains("10 classes", e.Message);
        var u = Assert.Throws<ConfigException>(() => ExperimentLoader.FromText("network:\n  family: custom\n  modules:\n    - {type: convolution}\n", "u.yaml"));
        Assert.Contains("u.yaml:4", u.Message);
        Assert.Contains("conv2d", u.Message);
    }

    [Fact]
    public void Training_steps_are_bit_identical_for_one_and_two_threads()
    {
        float[] Train(int threads)
        {
            var g = ResNet(seed: 5);
            using var pool = new WorkerPool(threads);
            var opt = new Sgd(g.Parameters, 0.9, nesterov: true, 1e-4);
            var rng = CounterRng.ForStream(9, "batch");
            var labels = new int[12];
            for (int step = 0; step < 2; step++)
            {
                g.Input.Resize(12);
                rng.FillGaussian(g.Input.Span, 0f, 1f);
                for (int i = 0; i < labels.Length; i++)
                {
                    labels[i] = rng.NextInt(10);
                }
                var y = g.Forward(ForwardMode.Train, pool);
                SoftmaxCrossEntropy.Compute(y, labels, g.OutputGrad);
                g.Backward(pool);
                opt.Step(0.1f);
            }
            return g.Parameters.SelectMany(p => p.Parameter.Value).ToArray();
        }
        var one = Train(1);
        Assert.Equal(one, Train(2));
        Assert.Equal(one, Train(3));
    }

    [Fact]
    public void Model_file_round_trips_a_graph_with_batch_norm_statistics()
    {
        var config = ExperimentLoader.FromText("name: rt\nnetwork:\n  family: resnet\n  resnet: {depth: 8, shortcut: b}\n", "rt.yaml");
        var g = GraphFactory.Build(config.Network, new Shape(3, 8, 8), 10, 3);
        var bn = (Crossbar.Modules.Layers.BatchNorm)g.Find("layer2.0.bn1");
        bn.RunningMean[1] = 0.25f;
        string path = Path.Combine(Path.GetTempPath(), $"crossbar-graph-{Guid.NewGuid():N}.cbm");
        try
        {
            GraphModelFile.Save(path, config, g);
            var (loaded, h) = GraphModelFile.Load(path);
            Assert.Equal("rt", loaded.Name);
            Assert.Equal(g.Parameters.SelectMany(p => p.Parameter.Value), h.Parameters.SelectMany(p => p.Parameter.Value));
            Assert.Equal(0.25f, ((Crossbar.Modules.Layers.BatchNorm)h.Find("layer2.0.bn1")).RunningMean[1]);
            // An MLP reader refuses it with a one-line error naming the file.
            var e = Assert.Throws<CrossbarException>(() => ModelFile.Load(path));
            Assert.Contains(path, e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Cross_entropy_gradient_is_softmax_minus_onehot_over_batch()
    {
        var t = new Tensor(Shape.Flat(3), 2);
        float[] z = [1f, 2f, 3f, 0f, 0f, 0f];
        z.CopyTo(t.Span);
        var grad = new Tensor(Shape.Flat(3));
        var (loss, correct) = SoftmaxCrossEntropy.Compute(t, [2, 0], grad);
        double s = Math.Exp(1) + Math.Exp(2) + Math.Exp(3);
        Assert.Equal(-Math.Log(Math.Exp(3) / s) + Math.Log(3), loss, 10);
        Assert.Equal(2, correct); // ties: arg-max picks the first
        Assert.Equal((Math.Exp(3) / s - 1) / 2, grad.Span[2], 6);
        Assert.Equal((1.0 / 3 - 1) / 2, grad.Span[3], 6);
    }
}
