using System.Diagnostics;
using Crossbar.Config;
using Crossbar.Devices;

namespace Crossbar.Benchmarks;

/// <summary>One benchmark measurement: device pulses applied per second on one thread.</summary>
/// <remarks>
/// <see cref="CpuSeconds"/> is the CPU time the process used meanwhile; on a shared machine the rate per CPU second
/// (<see cref="PulsesPerCpuSecond"/>) is the better estimate of what one uncontended core does.
/// </remarks>
public readonly record struct DevicePulseRate(string Model, string Case, int Devices, long Pulses, double Seconds, double CpuSeconds)
{
    public double PulsesPerSecond => Pulses / Seconds;

    public double PulsesPerCpuSecond => CpuSeconds > 0 ? Pulses / CpuSeconds : PulsesPerSecond;

    public override string ToString() =>
        $"{Model,-22} {Case,-26} {Devices,9:N0} devices {Pulses,13:N0} pulses {Seconds,6:F2} s wall {PulsesPerSecond / 1e6,7:F1} M/s  {CpuSeconds,6:F2} s cpu {PulsesPerCpuSecond / 1e6,7:F1} M/s per cpu-s";
}

/// <summary>
/// Device pulses applied per second on the calling thread (one core) for the jump-table and exponential models
/// (and the others for reference). Each round applies one SET pulse to every device, then one RESET pulse, through
/// the same kernels the tile uses, with the per-pulse random words drawn as in training.
/// </summary>
public static class DeviceBenchmark
{
    public static readonly (string Name, Func<DeviceConfig> Config)[] Models =
    [
        ("jump_table(pcmo)", () => new JumpTableDeviceConfig { Table = "builtin:pcmo" }),
        ("jump_table(pcm)", () => new JumpTableDeviceConfig { Table = "builtin:pcm" }),
        ("exponential(β=2)", () => new ExponentialDeviceConfig { Nonlinearity = 2, NMax = 64 }),
        ("exponential(β=2,noise)", () => new ExponentialDeviceConfig { Nonlinearity = 2, NMax = 64, StepNoise = 0.1 }),
        ("constant_step", () => new ConstantStepDeviceConfig()),
        ("soft_bounds", () => new SoftBoundsDeviceConfig()),
        ("pcm", () => new PcmDeviceConfig()),
    ];

    /// <param name="devices">Devices per array (1 Mi by default: larger than L2, like a 528×250 tile × 8).</param>
    /// <param name="seconds">Minimum measuring time per case.</param>
    /// <param name="models">Substrings of model names to run; null = jump table and exponential only.</param>
    public static IReadOnlyList<DevicePulseRate> Run(int devices = 1 << 20, double seconds = 1.0, IReadOnlyList<string>? models = null)
    {
        var results = new List<DevicePulseRate>();
        foreach (var (name, make) in Models)
        {
            bool wanted = models is null
                ? name.StartsWith("jump_table", StringComparison.Ordinal) || name.StartsWith("exponential", StringComparison.Ordinal)
                : models.Any(m => name.Contains(m, StringComparison.OrdinalIgnoreCase));
            if (!wanted)
            {
                continue;
            }
            results.Add(Dense(name, make(), devices, seconds));
            results.Add(Sparse(name, make(), devices, seconds));
            results.Add(Scattered(name, make(), devices, seconds));
        }
        return results;
    }

    /// <summary>Every device gets one SET then one RESET pulse per round (ApplySetAll / ApplyResetAll).</summary>
    public static DevicePulseRate Dense(string name, DeviceConfig config, int devices, double seconds)
    {
        var array = DeviceFactory.Create(config, devices, 1);
        array.ApplySetAll(0, devices); // warm-up (JIT tiers, page faults)
        array.ApplyResetAll(0, devices);
        long pulses = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            array.ApplySetAll(0, devices);
            array.ApplySetAll(0, devices);
            array.ApplyResetAll(0, devices);
            array.ApplyResetAll(0, devices);
            pulses += 4L * devices;
        }
        return new DevicePulseRate(name, "dense (1 pulse/device)", devices, pulses, watch.Elapsed.TotalSeconds, CpuSince(cpu));
    }

    /// <summary>
    /// Training-like row updates: pulse counts per device drawn once (≈ 1 in 8 devices touched, 1–3 pulses), applied
    /// row by row with <see cref="DeviceArray.ApplySetRange"/> / <see cref="DeviceArray.ApplyResetRange"/>.
    /// </summary>
    public static DevicePulseRate Sparse(string name, DeviceConfig config, int devices, double seconds)
    {
        var array = DeviceFactory.Create(config, devices, 1);
        var counts = new int[devices];
        var rng = Numerics.CounterRng.ForStream(1, "bench-sparse");
        long perRound = 0;
        for (int d = 0; d < devices; d++)
        {
            counts[d] = rng.NextInt(8) == 0 ? 1 + rng.NextInt(3) : 0;
            perRound += counts[d];
        }
        const int row = 256;
        long pulses = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            for (int s = 0; s + row <= devices; s += row)
            {
                array.ApplySetRange(s, counts.AsSpan(s, row));
            }
            for (int s = 0; s + row <= devices; s += row)
            {
                array.ApplyResetRange(s, counts.AsSpan(s, row));
            }
            pulses += 2 * perRound;
        }
        return new DevicePulseRate(name, "sparse rows (1/8 touched)", devices, pulses, watch.Elapsed.TotalSeconds, CpuSince(cpu));
    }

    /// <summary>
    /// The training rules' path: the same touched devices and counts as <see cref="Sparse"/>, as one compact list of
    /// (device, signed count) applied with <see cref="DeviceArray.ApplySignedScattered"/> (the SIMD kernel where the
    /// model has one), SET then RESET.
    /// </summary>
    public static DevicePulseRate Scattered(string name, DeviceConfig config, int devices, double seconds)
    {
        var array = DeviceFactory.Create(config, devices, 1);
        var rng = Numerics.CounterRng.ForStream(1, "bench-sparse");
        var cells = new List<int>();
        var counts = new List<int>();
        for (int d = 0; d < devices; d++)
        {
            int n = rng.NextInt(8) == 0 ? 1 + rng.NextInt(3) : 0;
            if (n > 0)
            {
                cells.Add(d);
                counts.Add(n);
            }
        }
        int[] list = [.. cells];
        int[] set = [.. counts];
        int[] reset = [.. counts.Select(n => -n)];
        long perRound = counts.Sum();
        long pulses = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            array.ApplySignedScattered(0, list, set);
            array.ApplySignedScattered(0, list, reset);
            pulses += 2 * perRound;
        }
        return new DevicePulseRate(name, "scattered (1/8 touched)", devices, pulses, watch.Elapsed.TotalSeconds, CpuSince(cpu));
    }

    private static double CpuSince(TimeSpan start) => (Process.GetCurrentProcess().TotalProcessorTime - start).TotalSeconds;
}
