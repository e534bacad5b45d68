using static Crossbar.Tests.Devices.DeviceTestHelpers;

namespace Crossbar.Tests.Devices;

public class TimeEffectsTests
{
    [Fact]
    public void Drift_nu_0_1_after_1e4_t0_leaves_10_to_minus_0_4()
    {
        var devices = Array("model: ideal\ndrift: {nu: 0.1, t0: 2.0}", count: 8);
        for (int d = 0; d < devices.Count; d++)
        {
            devices.Write(d, 0.8);
        }
        devices.Clock = 2.0 * 1e4;
        double expected = 0.8 * Math.Pow(10, -0.4);
        Assert.Equal(expected, devices.Present(0), 1e-12);
        var read = new double[devices.Count];
        devices.ReadRange(0, read);
        Assert.All(read, g => Assert.Equal(expected, g, 1e-12));
        // No drift before t0.
        devices.Clock = 1.5;
        Assert.Equal(0.8, devices.Present(0), 1e-15);
    }

    [Fact]
    public void Capacitor_decay_follows_exp_minus_t_over_rc()
    {
        var devices = Array("model: ideal\ndecay: {rc: 1000}", count: 3);
        devices.Write(0, 0.5);
        foreach (double t in new[] { 0.0, 10, 1000, 2500, 10000 })
        {
            devices.Clock = t;
            Assert.Equal(0.5 * Math.Exp(-t / 1000), devices.Present(0), 1e-14);
            var read = new double[3];
            devices.ReadRange(0, read);
            Assert.Equal(0.5 * Math.Exp(-t / 1000), read[0], 1e-14);
        }
    }

    [Fact]
    public void Decay_restarts_at_each_programming_pulse()
    {
        var devices = Array("model: ideal\nstep: 0.1\ng_max: 10\ndecay: {rc: 100}");
        devices.Write(0, 1.0);
        devices.Clock = 100;
        devices.ApplySet(0, 1); // 1·e^−1 + 0.1, then a fresh decay
        double g = Math.Exp(-1) + 0.1;
        Assert.Equal(g, devices.Present(0), 1e-12);
        devices.Clock = 150;
        Assert.Equal(g * Math.Exp(-0.5), devices.Present(0), 1e-12);
    }

    [Fact]
    public void Drift_from_reset_lets_partial_sets_shift_the_state_without_restarting()
    {
        var devices = Array("model: ideal\nstep: 0.1\ng_max: 10\ndrift: {nu: 0.1, t0: 1, from: reset}");
        devices.Write(0, 1.0);
        devices.Clock = 100;
        double before = devices.Present(0);
        devices.ApplySet(0, 1);
        Assert.Equal(before + 0.1, devices.Present(0), 1e-12);
        // The whole state keeps following the relaxation that began at t = 0.
        devices.Clock = 10_000;
        Assert.Equal((before + 0.1) * Math.Pow(100, -0.1), devices.Present(0), 1e-12);
    }

    [Fact]
    public void Drift_coefficients_vary_between_devices()
    {
        var devices = Array("model: ideal\ndrift: {nu: 0.05, nu_std: 0.01}", count: 20_000);
        double mean = devices.Nu!.Average();
        double std = Math.Sqrt(devices.Nu!.Select(v => (v - mean) * (v - mean)).Average());
        Assert.Equal(0.05, mean, 0.0005);
        Assert.Equal(0.01, std, 0.0005);
    }

    [Fact]
    public void Flicker_read_noise_grows_with_time_since_programming()
    {
        var devices = Array("model: ideal\nread_noise: {flicker: true}");
        devices.Write(0, 0.5);
        devices.Clock = 1;
        double early = devices.ReadNoiseSigma(0, 0.5);
        devices.Clock = 1e4;
        double late = devices.ReadNoiseSigma(0, 0.5);
        Assert.True(late > early && early > 0);
    }
}
