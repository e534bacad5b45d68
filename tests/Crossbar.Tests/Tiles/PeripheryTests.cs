using Crossbar.Config;
using Crossbar.Numerics;
using Crossbar.Tiles;

namespace Crossbar.Tests.Tiles;

/// <summary>The read path of a tile: DAC and ADC levels, clipping, noise management and output noise statistics.</summary>
public sealed class PeripheryTests
{
    private static float[] Uniform(int n, int seed, float scale)
    {
        var x = new float[n];
        CounterRng.ForStream((ulong)seed, "periphery").FillUniform(x);
        for (int i = 0; i < n; i++)
        {
            x[i] = (2 * x[i] - 1) * scale;
        }
        return x;
    }

    [Fact]
    public void Dac_with_abs_max_uses_every_level_and_puts_each_column_max_on_the_top_level()
    {
        var io = new Periphery(new PeripheryConfig { DacBits = 7, InputBound = 1, AdcBits = 0, OutputBound = 0, OutputNoise = 0 });
        const int k = 40, p = 33;
        var x = Uniform(k * p, 1, 3.5f);
        var xq = new float[k * p];
        var scales = new float[p];
        io.PrepareColumns(x, k, p, xq, scales, new float[p]);
        for (int c = 0; c < p; c++)
        {
            float max = 0;
            for (int r = 0; r < k; r++)
            {
                max = Math.Max(max, Math.Abs(x[r * p + c]));
            }
            Assert.Equal(max, scales[c], 5);
            bool top = false;
            for (int r = 0; r < k; r++)
            {
                float q = xq[r * p + c];
                Assert.Equal(MathF.Round(q), q);                 // integer levels: 2^7 − 1 = 127 of them, ±63
                Assert.InRange(q, -63, 63);
                Assert.Equal(MathF.Round(x[r * p + c] / scales[c] * 63), q);
                top |= Math.Abs(q) == 63;
            }
            Assert.True(top);
        }
        // The MVM of the levels times InputStep is the MVM of the inputs to within half a step per input.
        Assert.Equal(2.0 / 126, io.InputStep, 6);
    }

    [Fact]
    public void Dac_without_noise_management_clips_at_the_input_bound()
    {
        var io = new Periphery(new PeripheryConfig { DacBits = 4, InputBound = 1, AdcBits = 0, OutputBound = 0, OutputNoise = 0, NoiseManagement = NoiseManagement.None });
        float[] x = [-3f, -1f, -0.45f, 0.2f, 0.99f, 2f, 0f, 0.07f];
        var xq = new float[8];
        io.PrepareRows(x, 1, 8, 8, xq, new float[1]);
        // 4 bits: levels ±7 over ±1, step 2/14.
        Assert.Equal([-7f, -7f, -3f, 1f, 7f, 7f, 0f, 0f], xq);
    }

    [Fact]
    public void Adc_rounds_to_its_levels_and_clips_at_the_output_bound()
    {
        var io = new Periphery(new PeripheryConfig { DacBits = 0, AdcBits = 5, OutputBound = 4, OutputNoise = 0, NoiseManagement = NoiseManagement.None });
        double step = 8.0 / 30;
        Assert.Equal(step, io.AdcStep, 6);
        var y = Uniform(500, 2, 6f);
        var dst = new float[500];
        io.FinishRows(y, 1, 500, [1f], Enumerable.Repeat(1f, 500).ToArray(), 1, 0, new float[500], dst, 500, accumulate: false);
        for (int i = 0; i < y.Length; i++)
        {
            double expected = Math.Round(Math.Clamp(y[i], -4, 4) / step) * step;
            Assert.Equal(expected, dst[i], 5);
        }
        Assert.Equal(4f, dst.Max(), 5);
        Assert.Equal(-4f, dst.Min(), 5);
    }

    [Fact]
    public void Output_noise_has_the_configured_standard_deviation_and_scales_with_the_input_range()
    {
        const float sigma = 0.06f;
        var io = new Periphery(new PeripheryConfig { DacBits = 0, AdcBits = 0, OutputBound = 0, OutputNoise = sigma, NoiseManagement = NoiseManagement.AbsMax });
        const int m = 64, p = 4096;
        var y = Uniform(m * p, 3, 1f);
        var dst = new float[m * p];
        var scales = Enumerable.Repeat(2.5f, p).ToArray();   // inputs were divided by 2.5 by noise management
        io.FinishColumns(y, m, p, scales, Enumerable.Repeat(1f, m).ToArray(), 9, 0, new float[m * p], dst, accumulate: false);
        double sum = 0, sq = 0;
        for (int i = 0; i < dst.Length; i++)
        {
            double e = dst[i] / 2.5 - y[i];
            sum += e;
            sq += e * e;
        }
        int n = dst.Length;
        double mean = sum / n, sd = Math.Sqrt(sq / n - mean * mean);
        Assert.InRange(mean, -5 * sigma / Math.Sqrt(n), 5 * sigma / Math.Sqrt(n));
        Assert.InRange(sd, sigma * 0.99, sigma * 1.01);   // standard error of sd ≈ 0.3 % here
        // Another counter gives other deviates; the same counter the same ones.
        var again = new float[m * p];
        io.FinishColumns(y, m, p, scales, Enumerable.Repeat(1f, m).ToArray(), 9, 0, new float[m * p], again, accumulate: false);
        Assert.Equal(dst, again);
        io.FinishColumns(y, m, p, scales, Enumerable.Repeat(1f, m).ToArray(), 9, 1, new float[m * p], again, accumulate: false);
        Assert.NotEqual(dst, again);
    }

    [Fact]
    public void Columns_and_rows_layouts_agree()
    {
        var io = new Periphery(new PeripheryConfig { DacBits = 6, AdcBits = 8, OutputBound = 10, OutputNoise = 0 });
        const int k = 30, p = 17;
        var x = Uniform(k * p, 4, 2f);
        var xt = new float[p * k];
        for (int r = 0; r < k; r++)
        {
            for (int c = 0; c < p; c++)
            {
                xt[c * k + r] = x[r * p + c];
            }
        }
        var qc = new float[k * p];
        var qr = new float[p * k];
        var sc = new float[p];
        var sr = new float[p];
        io.PrepareColumns(x, k, p, qc, sc, new float[p]);
        io.PrepareRows(xt, p, k, k, qr, sr);
        Assert.Equal(sc, sr);
        for (int r = 0; r < k; r++)
        {
            for (int c = 0; c < p; c++)
            {
                Assert.Equal(qc[r * p + c], qr[c * k + r]);
            }
        }
    }

    [Fact]
    public void Invalid_settings_are_named()
    {
        var problems = new PeripheryConfig { DacBits = 1, AdcBits = 8, OutputBound = 0 }.Validate().Select(p => p.Key).ToList();
        Assert.Contains("dac_bits", problems);
        Assert.Contains("output_bound", problems);
        var error = Assert.Throws<ConfigException>(() => Crossbar.Tests.Inference.AnalogGraphTests.Config("  forward: {adc_bits: 1}"));
        Assert.Contains("inference.forward.adc_bits", error.Message);
    }
}
