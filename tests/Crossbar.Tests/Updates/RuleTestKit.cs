using Crossbar.Config;
using Crossbar.Tiles;

namespace Crossbar.Tests.Updates;

/// <summary>Small tiles of linear, deterministic devices (exponential model with β = 0: steps of exactly 1/n_max).</summary>
internal static class RuleTestKit
{
    public static ExponentialDeviceConfig LinearDevice(int nMax = 10) =>
        new() { GMin = 0, GMax = 1, Nonlinearity = 0, NMax = nMax };

    public static AnalogTile Tile(int inputs = 2, int outputs = 2, int nMax = 10, bool bias = false) =>
        new(inputs, outputs, bias, LinearDevice(nMax), new TileConfig { Gain = 1 }, seed: 1);

    public static double G(AnalogTile t, int i, int j, SynapseSign s) => t.Devices.Present(t.DeviceIndex(i, j, s));

    public static void Set(AnalogTile t, int i, int j, SynapseSign s, double g) => t.Devices.Write(t.DeviceIndex(i, j, s), g);
}
