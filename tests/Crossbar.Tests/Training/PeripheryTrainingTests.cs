using Crossbar.Config;
using Crossbar.Experiments;
using Crossbar.Modules;
using Crossbar.Modules.Layers;
using Crossbar.Numerics;
using Crossbar.Training;

namespace Crossbar.Tests.Training;

/// <summary>Hardware-aware training through the periphery: forward on the grid, gradients straight through.</summary>
public sealed class PeripheryTrainingTests
{
    private static Graph ConvNet()
    {
        var b = new GraphBuilder(new Shape(3, 12, 12));
        int conv = b.Add("conv", new Conv2d(3, 8, 3, 1, 1, bias: true), GraphBuilder.Input);
        int flat = b.Add("flatten", new Flatten(), conv);
        b.Add("fc", new Linear(8 * 12 * 12, 5), flat);
        return b.Build(4);
    }

    private static ExperimentConfig Config(string forward) => ExperimentLoader.FromText($$"""
        name: hwa-periphery
        network: {family: lenet5}
        inference:
          mapping: {tile_rows: 200, tile_columns: 200}
          forward: {{forward}}
          drift: {times: [1]}
        """, "hwa-periphery.yaml");

    private static (float[] Y, float[] Grad) Step(Graph g, ForwardMode mode, ITrainingHook? hook, WorkerPool pool)
    {
        g.Input.Resize(6);
        CounterRng.ForStream(2, "hwa-input").FillGaussian(g.Input.Span, 0f, 1f);
        hook?.BeforeForward(0);
        var y = g.Forward(mode, pool).Span.ToArray();
        CounterRng.ForStream(3, "hwa-grad").FillGaussian(g.OutputGrad.Span, 0f, 1f);
        foreach (var p in g.Parameters)
        {
            Array.Clear(p.Parameter.Grad);
        }
        g.Backward(pool, inputGradient: false);
        return (y, g.Parameters.SelectMany(p => p.Parameter.Grad).ToArray());
    }

    [Fact]
    public void Ideal_periphery_trains_like_the_float_network()
    {
        var g = ConvNet();
        using var pool = new WorkerPool(2);
        var (yFloat, gradFloat) = Step(g, ForwardMode.Train, null, pool);
        var (converted, layers) = GraphHardwareAware.ThroughPeriphery(Config("{dac_bits: 0, adc_bits: 0, output_bound: 0, output_noise: 0}"), g);
        Assert.Equal(2, layers.Count);
        Assert.Equal(g.ParameterCount, converted.ParameterCount);
        var hook = new PeripheryTrainingHook(layers, 1, null);
        var (yTiles, gradTiles) = Step(converted, ForwardMode.Train, hook, pool);
        double scale = yFloat.Max(v => Math.Abs(v));
        Assert.All(yFloat.Zip(yTiles), p => Assert.True(Math.Abs(p.First - p.Second) <= 1e-5 * scale, $"{p.Second} vs {p.First}"));
        // The backward pass is the float layers': the conv's gradients (same input, same δ through the float fc) are
        // the same bits; the fc's see the tile-computed conv output, equal to rounding.
        int conv = 8 * 27 + 8;
        Assert.Equal(gradFloat[..conv], gradTiles[..conv]);
        double gmax = gradFloat.Max(v => Math.Abs(v));
        Assert.All(gradFloat.Zip(gradTiles), p => Assert.True(Math.Abs(p.First - p.Second) <= 1e-5 * gmax));
    }

    [Fact]
    public void Noisy_periphery_changes_the_training_forward_only()
    {
        var g = ConvNet();
        using var pool = new WorkerPool(1);
        var (yFloat, _) = Step(g, ForwardMode.Train, null, pool);
        var yEval = Step(g, ForwardMode.Evaluate, null, pool).Y;
        var (converted, layers) = GraphHardwareAware.ThroughPeriphery(Config("{dac_bits: 7, adc_bits: 9, output_bound: 12, output_noise: 0.06}"), g);
        var hook = new PeripheryTrainingHook(layers, 1, null);
        var (yTiles, _) = Step(converted, ForwardMode.Train, hook, pool);
        double rms = Math.Sqrt(yFloat.Zip(yTiles).Average(p => (p.First - p.Second) * (p.First - p.Second)));
        double size = Math.Sqrt(yFloat.Average(v => v * v));
        Assert.InRange(rms / size, 1e-3, 0.5);                       // noise and quantisation, not a different network
        Assert.Equal(yEval, Step(converted, ForwardMode.Evaluate, hook, pool).Y);   // evaluation stays float
        // The same step draws the same noise; the hook restarts it per step.
        Assert.Equal(yTiles, Step(converted, ForwardMode.Train, hook, pool).Y);
    }
}
