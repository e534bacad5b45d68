using Crossbar.Config;
using Crossbar.Devices;
using static Crossbar.Tests.Devices.DeviceTestHelpers;

namespace Crossbar.Tests.Devices;

public class ExponentialDeviceTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-12)]
    public void Beta_to_zero_takes_exactly_n_max_equal_steps_from_gmin_to_gmax(double beta)
    {
        const int nMax = 64;
        var devices = Array($"model: exponential\ng_min: 0.1\ng_max: 1.1\nnonlinearity: {beta}\nn_max: {nMax}");
        Assert.Equal(0.1, devices.Stored[0]);
        double step = 1.0 / nMax;
        for (int n = 1; n <= nMax; n++)
        {
            double before = devices.Stored[0];
            devices.ApplySet(0, 1);
            Assert.Equal(step, devices.Stored[0] - before, 1e-12);
            if (n < nMax)
            {
                Assert.True(devices.Stored[0] < 1.1 - 0.5 * step, $"reached g_max early, after {n} pulses");
            }
        }
        Assert.Equal(1.1, devices.Stored[0], 1e-12);
        // Depression mirrors it: n_max equal steps back down.
        for (int n = 1; n <= nMax; n++)
        {
            double before = devices.Stored[0];
            devices.ApplyReset(0, 1);
            Assert.Equal(-step, devices.Stored[0] - before, 1e-12);
        }
        Assert.Equal(0.1, devices.Stored[0], 1e-12);
    }

    [Fact]
    public void Beta_three_steps_follow_eq1_and_eq2()
    {
        const double gMin = 0.2, gMax = 2.2, beta = 3.0;
        const int nMax = 64;
        var devices = Array($"model: exponential\ng_min: {gMin}\ng_max: {gMax}\nnonlinearity: {beta}\nn_max: {nMax}");
        var model = ((DeviceArray<ExponentialDevice>)devices).Model;
        double alphaP = model.AlphaP, alphaD = model.AlphaD;
        for (int n = 0; n < nMax; n++)
        {
            double g = devices.Stored[0];
            double expected = alphaP * Math.Exp(-beta * (g - gMin) / (gMax - gMin)); // 002 Eq. 1
            devices.ApplySet(0, 1);
            double actual = devices.Stored[0] - g;
            if (n < nMax - 1)
            {
                Assert.True(Math.Abs(actual - expected) <= 1e-6 * expected, $"pulse {n}: step {actual} vs Eq. 1 {expected}");
            }
        }
        // The derived α makes the n_max-th pulse land on g_max.
        Assert.Equal(gMax, devices.Stored[0], 1e-9);
        for (int n = 0; n < nMax - 1; n++)
        {
            double g = devices.Stored[0];
            double expected = alphaD * Math.Exp(-beta * (gMax - g) / (gMax - gMin)); // 002 Eq. 2
            devices.ApplyReset(0, 1);
            double actual = g - devices.Stored[0];
            Assert.True(Math.Abs(actual - expected) <= 1e-6 * expected, $"pulse {n}: step {actual} vs Eq. 2 {expected}");
        }
    }

    [Fact]
    public void Derived_alpha_reaches_gmax_in_exactly_n_max_pulses()
    {
        foreach (double beta in new[] { 0.5, 1, 2, 3, 5 })
        {
            foreach (int nMax in new[] { 32, 64, 128 })
            {
                double a = ExponentialDevice.AlphaFor(beta, nMax, 1.0);
                double x = 0;
                for (int k = 0; k < nMax; k++)
                {
                    Assert.True(x < 1 - 1e-9, $"β={beta}, n_max={nMax}: reached 1 after {k} pulses");
                    x += a * Math.Exp(-beta * x);
                }
                Assert.Equal(1.0, x, 1e-9);
                // Close to the continuous-limit value (e^β − 1)/(β·n_max), and below it.
                double a0 = Math.Exp(beta) - 1;
                a0 /= beta * nMax;
                Assert.InRange(a, 0.5 * a0, a0);
            }
        }
    }

    [Fact]
    public void Explicit_alpha_beta_are_used_as_given()
    {
        var c = (ExponentialDeviceConfig)Device("model: exponential\nalpha_p: 0.05\nbeta_p: 1.5\nalpha_d: 0.02\nbeta_d: 0.5");
        var m = new ExponentialDevice(c);
        Assert.Equal(0.05, m.AlphaP);
        Assert.Equal(1.5, m.BetaP);
        Assert.Equal(0.02, m.AlphaD);
        Assert.Equal(0.5, m.BetaD);
    }
}
