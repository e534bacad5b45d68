using Crossbar.Config;
using Crossbar.Inference;
using Crossbar.Numerics;

namespace Crossbar.Tests.Inference;

public class PcmLikeNoiseModelTests
{
    private static readonly PcmLikeNoiseModel Model = new(new PcmNoiseConfig(), 25.0);

    [Theory]
    // σ_prog = 0.26348 + 1.9650·x − 1.1731·x², x = g/25 µS (aihwkit PCMLikeNoiseModel defaults)
    [InlineData(0.0, 0.26348)]
    [InlineData(12.5, 0.26348 + 1.9650 * 0.5 - 1.1731 * 0.25)]
    [InlineData(25.0, 0.26348 + 1.9650 - 1.1731)]
    public void Programming_sigma_is_the_published_polynomial(double g, double sigma) =>
        Assert.Equal(sigma, Model.ProgrammingSigma(g), 12);

    [Fact]
    public void Programming_sigma_scales_with_g_max()
    {
        var half = new PcmLikeNoiseModel(new PcmNoiseConfig(), 12.5);
        Assert.Equal(0.5 * Model.ProgrammingSigma(25.0), half.ProgrammingSigma(12.5), 12);
    }

    [Theory]
    // μ_ν = clamp(−0.0155·ln(g/g_max) + 0.0244, 0.049, 0.1); σ_ν = clamp(−0.0125·ln(g/g_max) − 0.0059, 0.008, 0.045)
    [InlineData(25.0, 0.049, 0.008)]
    [InlineData(2.5, 0.0244 + 0.0155 * 2.302585092994046, 0.0125 * 2.302585092994046 - 0.0059)]
    [InlineData(0.25, 0.0244 + 0.0155 * 4.605170185988092, 0.045)]
    [InlineData(0.0, 0.1, 0.045)]
    public void Drift_exponent_statistics_follow_the_fit(double g, double mean, double std)
    {
        Assert.Equal(mean, Model.DriftMean(g), 10);
        Assert.Equal(std, Model.DriftStd(g), 10);
    }

    [Theory]
    // Q = min(0.0088 / max((g/g_max)^0.65, 1e-3), 0.2)
    [InlineData(25.0, 0.0088)]
    [InlineData(2.5, 0.0088 / 0.22387211385683395)]
    [InlineData(0.001, 0.2)]
    public void Flicker_q_follows_the_fit(double g, double q) => Assert.Equal(q, Model.FlickerQ(g), 10);

    [Fact]
    public void Read_noise_grows_with_log_time_and_drift_uses_t0()
    {
        double s1 = Model.ReadNoiseRelative(25, 1), s2 = Model.ReadNoiseRelative(25, 31536000);
        Assert.Equal(0.0088 * Math.Sqrt(Math.Log((21 + 250e-9) / 500e-9)), s1, 12);
        Assert.True(s2 > s1);
        Assert.Equal(Math.Pow(2.0, -0.05), Model.DriftFactor(0.05, 20), 12); // t = 20 s after t₀ = 20 s: (40/20)^−ν
    }

    [Fact]
    public void Programming_noise_has_the_model_sigma()
    {
        var rng = CounterRng.ForStream(7, "test");
        const int n = 200000;
        double g = 15.0, sum = 0, sq = 0;
        for (int i = 0; i < n; i++)
        {
            double d = Model.Program(g, ref rng) - g;
            sum += d;
            sq += d * d;
        }
        double mean = sum / n, std = Math.Sqrt(sq / n - mean * mean);
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(std / Model.ProgrammingSigma(g), 0.99, 1.01);
    }
}
