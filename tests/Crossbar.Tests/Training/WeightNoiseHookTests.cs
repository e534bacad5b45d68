using Crossbar.Config;
using Crossbar.Modules;
using Crossbar.Modules.Layers;
using Crossbar.Training;

namespace Crossbar.Tests.Training;

/// <summary>Hardware-aware weight noise: the configured statistics in the forward pass, clean weights for the step.</summary>
public sealed class WeightNoiseHookTests
{
    private static Graph LeNet() => GraphFactory.Build(new NetworkConfig { Family = NetworkFamily.Lenet5 }, new Shape(1, 28, 28), 10, 5);

    private static float[][] Weights(Graph g) =>
        g.Nodes.Select(n => n.Module switch { Conv2d c => c.Weight.Value, Linear l => l.Weight.Value, _ => null })
            .OfType<float[]>().Select(w => w.ToArray()).ToArray();

    [Fact]
    public void Additive_noise_is_relative_to_each_layers_max_and_is_removed_before_the_step()
    {
        var g = LeNet();
        var clean = Weights(g);
        var hook = new WeightNoiseHook(g, additive: 0.04, multiplicative: 0, clip: 0, clipEvery: 1, seed: 3);
        Assert.Equal(clean.Length, hook.Layers);
        hook.BeforeForward(7);
        var noisy = Weights(g);
        for (int l = 0; l < clean.Length; l++)
        {
            double max = clean[l].Max(v => Math.Abs(v));
            var d = clean[l].Zip(noisy[l], (a, b) => (double)(b - a)).ToArray();
            double sd = Math.Sqrt(d.Sum(v => v * v) / d.Length);
            // Relative standard error √(1/2n): at least 150 weights per layer, so within 25 %.
            Assert.InRange(sd / (0.04 * max), 0.75, 1.25);
        }
        hook.BeforeStep(7);
        Assert.Equal(clean, Weights(g));
        // Another batch draws other noise; the same batch the same noise.
        hook.BeforeForward(8);
        var other = Weights(g);
        hook.BeforeStep(8);
        hook.BeforeForward(7);
        Assert.Equal(noisy, Weights(g));
        Assert.NotEqual(noisy[0], other[0]);
        hook.BeforeStep(7);
    }

    [Fact]
    public void Multiplicative_noise_scales_with_each_weight()
    {
        var g = LeNet();
        var clean = Weights(g);
        var hook = new WeightNoiseHook(g, additive: 0, multiplicative: 0.1, clip: 0, clipEvery: 1, seed: 3);
        hook.BeforeForward(0);
        var noisy = Weights(g);
        var ratio = clean.SelectMany((w, l) => w.Zip(noisy[l], (a, b) => a == 0 ? 0 : (double)(b / a - 1))).ToArray();
        double sd = Math.Sqrt(ratio.Sum(v => v * v) / ratio.Length);
        Assert.InRange(sd, 0.095, 0.105);
    }

    [Fact]
    public void Clipping_bounds_every_layer_at_c_standard_deviations()
    {
        var g = LeNet();
        var hook = new WeightNoiseHook(g, additive: 0, multiplicative: 0, clip: 1.0, clipEvery: 2, seed: 3);
        var before = Weights(g);
        hook.AfterStep(0);                       // not a clipping step
        Assert.Equal(before, Weights(g));
        hook.AfterStep(1);
        var after = Weights(g);
        for (int l = 0; l < after.Length; l++)
        {
            double mean = before[l].Average(v => (double)v);
            double limit = Math.Sqrt(before[l].Average(v => (v - mean) * (v - mean)));
            Assert.True(after[l].Max(v => Math.Abs(v)) <= limit * 1.0001, $"layer {l}");
            // Only the outliers move.
            Assert.All(before[l].Zip(after[l]), p => Assert.Equal(Math.Clamp(p.First, -limit, limit), p.Second, 5));
            Assert.Contains(before[l], v => Math.Abs(v) > limit);
        }
    }
}
