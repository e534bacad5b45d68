using Crossbar.Config;
using static Crossbar.Tests.Devices.DeviceTestHelpers;

namespace Crossbar.Tests.Devices;

public class DeviceConfigTests
{
    [Theory]
    [InlineData("model: exponential\ng_min: 1\ng_max: 0.5", "device.g_min", "less than g_max")]
    [InlineData("model: ideal\ng_min: 1\ng_max: 1", "device.g_min", "less than g_max")]
    [InlineData("model: pcm\ng_min: 30", "device.g_min", "less than g_max")]
    [InlineData("model: constant_step\nw_min: 0.7", "device.w_min", "less than w_max")]
    [InlineData("model: exponential\nvariation: -0.1", "device.variation", "out of range")]
    [InlineData("model: n_level\nsigma: -0.2", "device.sigma", "out of range")]
    [InlineData("model: constant_step\ndw_min_std: -1", "device.dw_min_std", "out of range")]
    [InlineData("model: ideal\ndrift: {nu_std: -0.01}", "device.drift.nu_std", "out of range")]
    [InlineData("model: pcm\nsigma0: -1", "device.sigma0", "out of range")]
    [InlineData("model: exponential\nn_max: 0", "device.n_max", "out of range")]
    [InlineData("model: warp_drive", "device.model", "must be one of")]
    [InlineData("model: exponential\ngmin: 0", "device.gmin", "did you mean 'g_min'")]
    public void Invalid_parameters_are_rejected_naming_file_and_key(string yaml, string key, string problem)
    {
        var e = Assert.Throws<ConfigException>(() => Device(yaml, "exp.yaml"));
        Assert.StartsWith("exp.yaml", e.Source);
        Assert.Equal(key, e.Key);
        Assert.Contains(problem, e.Message);
        Assert.Contains("exp.yaml", e.Message);
    }

    [Fact]
    public void Float_runs_have_no_device_section()
    {
        var c = ExperimentLoader.FromText("name: x\n");
        Assert.Null(c.Device);
        Assert.Null(c.Tile);
    }

    [Fact]
    public void Soft_bounds_defaults_to_gamma_one()
    {
        var c = (SoftBoundsDeviceConfig)Device("model: soft_bounds");
        Assert.Equal(1.0, c.GammaUp);
        Assert.Equal(0.0, c.GammaUpDtod);
        Assert.True(c.MultNoise);
    }
}
