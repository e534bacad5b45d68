using System.Globalization;

namespace Crossbar.Benchmarks;

/// <summary>
/// CPU time the hypervisor took from this virtual machine ("steal", the eighth field of the <c>cpu</c> line of
/// Linux's <c>/proc/stat</c>), so a benchmark can say when its wall-clock figures were disturbed from outside.
/// </summary>
public static class HostSteal
{
    private const double TicksPerSecond = 100; // USER_HZ, 100 on every Linux ABI .NET runs on

    /// <summary>Steal seconds since boot, summed over all CPUs; null where /proc/stat is absent or unreadable.</summary>
    public static double? Seconds()
    {
        try
        {
            if (!OperatingSystem.IsLinux() || !File.Exists("/proc/stat"))
            {
                return null;
            }
            using var reader = new StreamReader("/proc/stat");
            return Parse(reader.ReadLine());
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Steal seconds from the aggregate <c>cpu</c> line of /proc/stat; null if the line has no steal field.</summary>
    public static double? Parse(string? cpuLine)
    {
        var fields = cpuLine?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields is null || fields.Length < 9 || fields[0] != "cpu"
            || !long.TryParse(fields[8], NumberStyles.None, CultureInfo.InvariantCulture, out long ticks))
        {
            return null;
        }
        return ticks / TicksPerSecond;
    }
}
