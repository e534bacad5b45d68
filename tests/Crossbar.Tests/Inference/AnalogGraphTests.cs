using Crossbar.Config;
using Crossbar.Inference;
using Crossbar.Modules;
using Crossbar.Modules.Layers;
using Crossbar.Numerics;

namespace Crossbar.Tests.Inference;

/// <summary>
/// Graphs on analog tiles (issue 13): an ideal tile and periphery reproduce the float network, tile splits do not
/// change an ideal result, noise is reproducible and independent of threads and batch size.
/// </summary>
public sealed class AnalogGraphTests
{
    private const string IdealForward = "forward: {dac_bits: 0, adc_bits: 0, output_bound: 0, output_noise: 0, noise_management: none}";

    internal static ExperimentConfig Config(string inference) => ExperimentLoader.FromText($$"""
        name: analog-graph
        network:
          family: lenet5
        inference:
        {{inference}}
          drift: {times: [1]}
        """, "analog-graph.yaml");

    private static Graph ResNet() =>
        GraphFactory.Build(new NetworkConfig { Family = NetworkFamily.Resnet, Resnet = new ResNetConfig { Shortcut = ResNetShortcut.A } },
            new Shape(3, 16, 16), 10, 5);

    private static Graph LeNet() => GraphFactory.Build(new NetworkConfig { Family = NetworkFamily.Lenet5 }, new Shape(1, 28, 28), 10, 5);

    private static float[] Evaluate(Graph graph, int batch, int threads, int seed = 3)
    {
        var rng = CounterRng.ForStream((ulong)seed, "analog-input");
        graph.Input.Resize(batch);
        rng.FillGaussian(graph.Input.Span, 0f, 1f);
        using var pool = new WorkerPool(threads);
        return graph.Forward(ForwardMode.Evaluate, pool).Span.ToArray();
    }

    private static void AssertClose(float[] expected, float[] actual, double relative)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Max(v => Math.Abs((double)v));
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= relative * scale, $"[{i}]: {actual[i]} vs {expected[i]} (scale {scale})");
        }
    }

    public static TheoryData<string, int> Networks => new() { { "lenet5", 512 }, { "resnet", 512 }, { "resnet", 40 }, { "lenet5", 100 } };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Ideal_tiles_and_periphery_equal_the_float_network(string network, int tileSize)
    {
        var source = network == "resnet" ? ResNet() : LeNet();
        var config = Config($"  mapping: {{tile_rows: {tileSize}, tile_columns: {tileSize}}}\n  {IdealForward}");
        var expected = Evaluate(source, 6, 2);
        var analog = AnalogGraph.Map(config, source, 7);
        analog.Realize(1, 7, 0);
        Assert.All(analog.Layers, l => Assert.True(l.Grid.Periphery.IsIdeal));
        AssertClose(expected, Evaluate(analog.Graph, 6, 2), 1e-4);
    }

    [Fact]
    public void Folding_batch_norm_into_ideal_tiles_equals_the_float_network()
    {
        var source = ResNet();
        var rng = CounterRng.ForStream(9, "fold");
        foreach (var bn in source.Nodes.Select(n => n.Module).OfType<BatchNorm>())
        {
            for (int c = 0; c < bn.Channels; c++)
            {
                bn.RunningMean[c] = rng.NextFloat() - 0.5f;
                bn.RunningVar[c] = 0.2f + rng.NextFloat();
                bn.Gamma.Value[c] = 0.5f + rng.NextFloat();
                bn.Beta.Value[c] = rng.NextFloat() - 0.5f;
            }
        }
        var expected = Evaluate(source, 4, 2);
        var before = source.Nodes.Select(n => n.Module).OfType<Conv2d>().First().Weight.Value.ToArray();
        var folded = AnalogGraph.Map(Config($"  mapping: {{fold_batch_norm: true}}\n  {IdealForward}"), source, 7);
        folded.Realize(1, 7, 0);
        AssertClose(expected, Evaluate(folded.Graph, 4, 2), 1e-4);
        // The tiles hold the folded kernels with a digital bias; the float graph keeps its own.
        var convs = folded.Layers.OfType<AnalogConv2d>().ToList();
        Assert.All(convs, c => Assert.NotNull(c.Source.Bias));
        Assert.Equal(before, source.Nodes.Select(n => n.Module).OfType<Conv2d>().First().Weight.Value);
        Assert.NotEqual(before, convs[0].Source.Weight.Value);
        Assert.All(folded.Graph.Nodes.Select(n => n.Module).OfType<BatchNorm>(), bn => Assert.All(bn.RunningVar, v => Assert.Equal(1f, v)));
    }

    [Fact]
    public void Split_tiles_equal_one_large_tile_when_ideal()
    {
        var source = ResNet();
        var one = AnalogGraph.Map(Config($"  mapping: {{tile_rows: 1024, tile_columns: 1024}}\n  {IdealForward}"), source, 7);
        var split = AnalogGraph.Map(Config($"  mapping: {{tile_rows: 50, tile_columns: 24}}\n  {IdealForward}"), source, 7);
        Assert.Equal(one.Layers.Count, split.Layers.Count);
        Assert.True(split.TileCount > 3 * one.TileCount, $"{split.TileCount} tiles split vs {one.TileCount}");
        // The third stage's 576-row kernels need two 512-row tiles by default, each with its own periphery.
        Assert.Contains(one.Layers, l => l.Grid.RowBlocks == 1 && l.Grid.Rows == 576);
        one.Realize(1, 7, 0);
        split.Realize(1, 7, 0);
        AssertClose(Evaluate(one.Graph, 5, 1), Evaluate(split.Graph, 5, 2), 1e-4);
    }

    [Fact]
    public void Default_tiles_hold_resnet20_on_25_tiles_of_2_pcm_devices_per_weight()
    {
        var source = GraphFactory.Build(new NetworkConfig { Family = NetworkFamily.Resnet }, new Shape(3, 32, 32), 10, 5);
        var analog = AnalogGraph.Map(Config("  mapping: {}"), source, 1);
        // 19 convs + 1 linear; five 3×3 convs of stage 3 have 64 input channels (576 rows) and take two tiles each.
        Assert.Equal(25, analog.TileCount);
        long weights = source.Nodes.Sum(n => n.Module switch { Conv2d c => (long)c.Weight.Length, Linear l => l.Weight.Length, _ => 0 });
        Assert.Equal(2 * weights, analog.DeviceCount);
    }

    [Fact]
    public void Noisy_inference_is_reproducible_and_independent_of_threads_and_batch_size()
    {
        var source = ResNet();
        var config = Config("  mapping: {tile_rows: 100, tile_columns: 100}\n  pcm_noise: {}");
        float[] Run(int threads, int batch)
        {
            var analog = AnalogGraph.Map(config, source, 11);
            analog.Realize(86400, 11, 2);
            var x = new float[6 * 3 * 16 * 16];
            CounterRng.ForStream(4, "analog-input").FillGaussian(x, 0f, 1f);
            var outputs = new List<float>();
            using var pool = new WorkerPool(threads);
            for (int start = 0; start < 6; start += batch)
            {
                int n = Math.Min(batch, 6 - start);
                analog.Graph.Input.Resize(n);
                x.AsSpan(start * 768, n * 768).CopyTo(analog.Graph.Input.Span);
                outputs.AddRange(analog.Graph.Forward(ForwardMode.Evaluate, pool).Span.ToArray());
            }
            return [.. outputs];
        }
        var reference = Run(1, 6);
        Assert.Equal(reference, Run(2, 6));
        Assert.Equal(reference, Run(2, 4));
        Assert.Equal(reference, Run(1, 1));
        // The noise is there: it differs from the ideal network.
        var ideal = AnalogGraph.Map(Config($"  mapping: {{tile_rows: 100, tile_columns: 100}}\n  {IdealForward}"), source, 11);
        ideal.Realize(1, 11, 0);
        var x0 = new float[6 * 768];
        CounterRng.ForStream(4, "analog-input").FillGaussian(x0, 0f, 1f);
        ideal.Graph.Input.Resize(6);
        x0.CopyTo(ideal.Graph.Input.Span);
        using var p1 = new WorkerPool(1);
        Assert.NotEqual(reference, ideal.Graph.Forward(ForwardMode.Evaluate, p1).Span.ToArray());
    }

    [Fact]
    public void Global_compensation_restores_the_one_second_read_of_every_tile()
    {
        var source = ResNet();
        var analog = AnalogGraph.Map(Config("  mapping: {tile_rows: 100, tile_columns: 100}\n  pcm_noise: {}"), source, 3);
        analog.Realize(1, 3, 0);
        var reference = analog.Read(DriftProbe.Ones);
        analog.Realize(31_536_000, 3, 1);
        var drifted = analog.Read(DriftProbe.Ones);
        // A year of drift (ν ≈ 0.05) lowers every tile's read by about (3·10⁷)^−0.05 ≈ 0.42.
        Assert.All(drifted.Zip(reference), p => Assert.InRange(p.First / p.Second, 0.25, 0.65));
        var factors = analog.Compensate(DriftProbe.Ones, reference);
        Assert.All(factors.Zip(reference.Zip(drifted)), p => Assert.Equal(p.Second.First / p.Second.Second, p.First, 1e-12));
        Assert.Throws<CrossbarException>(() => analog.Read(DriftProbe.Calibration));
    }
}
