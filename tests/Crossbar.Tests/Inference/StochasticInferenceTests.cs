using Crossbar.Inference;
using Crossbar.Network;
using Crossbar.Numerics;

namespace Crossbar.Tests.Inference;

public class StochasticInferenceTests
{
    [Theory]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(37)]
    public void Stream_means_are_unbiased_with_binomial_variance(int bitLength)
    {
        var rng = CounterRng.ForStream(1, "test");
        float[] x = [0.3f, -0.7f, 0f, 1f, 0.05f];
        var dest = new float[x.Length];
        const int n = 20000;
        var sum = new double[x.Length];
        var sq = new double[x.Length];
        for (int k = 0; k < n; k++)
        {
            StochasticInference.Encode(x, dest, bitLength, ref rng);
            for (int i = 0; i < x.Length; i++)
            {
                Assert.Equal(0, Math.Round(dest[i] * bitLength) - dest[i] * bitLength, 3); // a whole number of ones
                sum[i] += dest[i];
                sq[i] += dest[i] * dest[i];
            }
        }
        for (int i = 0; i < x.Length; i++)
        {
            double p = Math.Abs(x[i]);
            double mean = sum[i] / n, var = sq[i] / n - mean * mean;
            Assert.Equal(x[i], mean, 2);
            Assert.Equal(p * (1 - p) / bitLength, var, 3);
        }
    }

    [Fact]
    public void Long_streams_approach_the_float_prediction()
    {
        var (config, net) = MappingTests.Trained("  noisy_inputs: {}");
        var s = new StochasticInference(net, config.Network);
        var rng = CounterRng.ForStream(2, "test");
        int agree = 0;
        for (int k = 0; k < 50; k++)
        {
            var x = MappingTests.Input(k);
            int expected = net.Predict(x);
            agree += s.Predict(x, 20000, ref rng) == expected ? 1 : 0;
        }
        Assert.True(agree >= 47, $"{agree}/50");
    }

    [Fact]
    public void Hardware_aware_noise_has_the_configured_output_variance()
    {
        var layer = new DenseLayer(50, 3, bias: true);
        NetworkBuilder.Initialize(layer.Weights, 50, 3, Crossbar.Config.WeightInit.XavierUniform, 1f, CounterRng.ForStream(1, "w"));
        var hwa = new HardwareAwareLayer(layer, 0.1, clip: 0, clipEvery: 100, seed: 3, index: 0);
        var x = new float[50];
        CounterRng.ForStream(4, "x").FillUniform(x);
        var clean = new float[3];
        layer.Forward(x, clean);
        var z = new float[3];
        const int n = 20000;
        double sq = 0;
        for (int k = 0; k < n; k++)
        {
            hwa.Forward(x, z);
            sq += (z[0] - clean[0]) * (z[0] - clean[0]);
        }
        double maxAbs = layer.Weights.ToArray().Max(Math.Abs);
        double expected = 0.1 * maxAbs * Math.Sqrt(x.Sum(v => v * v) + 1);
        Assert.InRange(Math.Sqrt(sq / n) / expected, 0.97, 1.03);
    }
}
