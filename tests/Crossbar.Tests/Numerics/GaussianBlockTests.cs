using Crossbar.Numerics;

namespace Crossbar.Tests.Numerics;

/// <summary>The vectorised Box–Muller blocks behind per-MVM and weight noise.</summary>
public sealed class GaussianBlockTests
{
    [Fact]
    public void Moments_are_those_of_a_standard_normal()
    {
        var z = new float[2_000_001];
        GaussianBlock.Fill(17, 5, z);
        double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
        foreach (double v in z)
        {
            m1 += v;
            m2 += v * v;
            m3 += v * v * v;
            m4 += v * v * v * v;
        }
        double n = z.Length;
        m1 /= n; m2 /= n; m3 /= n; m4 /= n;
        Assert.InRange(m1, -0.004, 0.004);       // 5 standard errors
        Assert.InRange(m2, 0.995, 1.005);
        Assert.InRange(m3, -0.02, 0.02);
        Assert.InRange(m4, 2.96, 3.04);
        // Tail mass beyond 3σ: 0.27 %.
        double tail = z.Count(v => Math.Abs(v) > 3) / n;
        Assert.InRange(tail, 0.0025, 0.0029);
    }

    [Fact]
    public void Cosine_and_sine_branches_are_uncorrelated()
    {
        var z = new float[512 * 2000];
        GaussianBlock.Fill(3, 0, z);
        double c = 0;
        for (int b = 0; b < 2000; b++)
        {
            for (int q = 0; q < 256; q++)
            {
                c += z[b * 512 + q] * z[b * 512 + 256 + q];
            }
        }
        Assert.InRange(c / (256 * 2000), -0.01, 0.01);
    }

    [Fact]
    public void A_block_is_a_pure_function_of_key_counter_and_length()
    {
        var a = new float[1000];
        var b = new float[1000];
        GaussianBlock.Fill(9, 123, a);
        GaussianBlock.Fill(9, 123, b);
        Assert.Equal(a, b);
        GaussianBlock.Fill(9, 124, b);
        Assert.NotEqual(a, b);
        // The vector unpacking (8 pairs) and the scalar one (7 pairs) give the same cosine branch.
        var vector = new float[16];
        var scalar = new float[14];
        GaussianBlock.Fill(9, 40, vector);
        GaussianBlock.Fill(9, 40, scalar);
        Assert.Equal(vector[..7], scalar[..7]);
        Assert.Equal(8UL, GaussianBlock.Hashes(16));
        Assert.Equal(8UL, GaussianBlock.Hashes(15));
    }

    [Fact]
    public void Quarter_sine_and_cosine_are_accurate_to_float_rounding()
    {
        var u = Enumerable.Range(0, 4096).Select(i => i / 4095f).ToArray();
        var c = new float[u.Length];
        var s = new float[u.Length];
        GaussianBlock.QuarterSinCos(u, c, s);
        for (int i = 0; i < u.Length; i++)
        {
            double a = u[i] * Math.PI / 2;
            Assert.True(Math.Abs(Math.Cos(a) - c[i]) < 2e-7, $"cos({a}) = {c[i]}");
            Assert.True(Math.Abs(Math.Sin(a) - s[i]) < 2e-7, $"sin({a}) = {s[i]}");
        }
    }
}
