using Crossbar.Config;
using Crossbar.Devices;

namespace Crossbar.Tests.Devices;

internal static class DeviceTestHelpers
{
    /// <summary>Binds a <c>device:</c> section from YAML text, as an experiment file would.</summary>
    public static DeviceConfig Device(string yaml, string source = "test.yaml")
    {
        var indented = string.Join('\n', yaml.Trim().Split('\n').Select(l => "  " + l));
        var config = ExperimentLoader.FromText("device:\n" + indented + "\n", source);
        return config.Device ?? throw new InvalidOperationException("no device section");
    }

    public static DeviceArray Array(string yaml, int count = 1, ulong seed = 7) =>
        DeviceFactory.Create(Device(yaml), count, seed);
}
