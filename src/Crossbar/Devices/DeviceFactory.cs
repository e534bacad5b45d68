using Crossbar.Config;

namespace Crossbar.Devices;

/// <summary>Builds a populated <see cref="DeviceArray"/> for a <c>device</c> config section.</summary>
public static class DeviceFactory
{
    /// <param name="config">The bound device section.</param>
    /// <param name="count">Number of devices.</param>
    /// <param name="seed">Seed of the hidden-parameter and pulse streams.</param>
    /// <param name="baseDirectory">Folder that relative table paths are resolved against (the experiment file's).</param>
    public static DeviceArray Create(DeviceConfig config, int count, ulong seed, string? baseDirectory = null) => config switch
    {
        IdealDeviceConfig c => new DeviceArray<IdealDevice>(new IdealDevice(c), count, c, seed),
        SoftBoundsDeviceConfig c => new DeviceArray<LinearStepDevice>(new LinearStepDevice(c, count, seed), count, c, seed),
        LinearStepDeviceConfig c => new DeviceArray<LinearStepDevice>(new LinearStepDevice(c, count, seed), count, c, seed),
        ConstantStepDeviceConfig c => new DeviceArray<ConstantStepDevice>(new ConstantStepDevice(c, count, seed), count, c, seed),
        ExponentialDeviceConfig c => new DeviceArray<ExponentialDevice>(new ExponentialDevice(c), count, c, seed),
        JumpTableDeviceConfig c => new DeviceArray<JumpTableDevice>(new JumpTableDevice(LoadTable(c, baseDirectory), c.InitialG), count, c, seed),
        NLevelDeviceConfig c => new DeviceArray<NLevelDevice>(new NLevelDevice(c), count, c, seed),
        PcmDeviceConfig c => new DeviceArray<PcmDevice>(new PcmDevice(c), count, c, seed),
        _ => throw new CrossbarException($"device model '{config.ModelName}' has no implementation"),
    };

    /// <summary>Loads the table a jump-table config names (built-in or CSV).</summary>
    public static JumpTable LoadTable(JumpTableDeviceConfig c, string? baseDirectory = null)
    {
        if (c.Table.StartsWith("builtin:", StringComparison.Ordinal))
        {
            return BuiltinJumpTables.Get(c.Table, c.Quantiles);
        }
        string path = Path.IsPathRooted(c.Table) || baseDirectory is null ? c.Table : Path.Combine(baseDirectory, c.Table);
        return JumpTableCsv.Read(path, c.Quantiles);
    }
}
