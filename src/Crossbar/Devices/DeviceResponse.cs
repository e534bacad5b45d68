using System.Globalization;
using Crossbar.Config;

namespace Crossbar.Devices;

/// <summary>Statistics of the conductances of many devices after a given number of pulses.</summary>
public readonly record struct ResponsePoint(
    string Phase, int Pulse, double Median, double Mean, double Std, double P16, double P84, double Min, double Max);

/// <summary>
/// Conductance response of M simulated devices to N potentiating pulses followed by N depressing pulses
/// (001 Fig. 8(a), 002 Fig. 6, 004 Fig. 3): median, mean, σ and the 15.9/84.1 % quantiles (±1σ band) of the
/// read conductance X·G after every pulse.
/// </summary>
public sealed class DeviceResponse
{
    private DeviceResponse(IReadOnlyList<ResponsePoint> points, DeviceArray devices, double seconds, long pulses)
    {
        Points = points;
        Devices = devices;
        Seconds = seconds;
        PulsesApplied = pulses;
    }

    public IReadOnlyList<ResponsePoint> Points { get; }

    /// <summary>The devices as left after the run (counts, energy).</summary>
    public DeviceArray Devices { get; }

    /// <summary>Wall time spent applying pulses (statistics excluded).</summary>
    public double Seconds { get; }

    public long PulsesApplied { get; }

    public static DeviceResponse Measure(DeviceConfig config, int devices, int pulses, ulong seed, string? baseDirectory = null)
    {
        var array = DeviceFactory.Create(config, devices, seed, baseDirectory);
        var points = new List<ResponsePoint>(2 * pulses + 2);
        var buffer = new double[devices];
        var watch = new System.Diagnostics.Stopwatch();
        points.Add(Stats("potentiation", 0, array, buffer));
        for (int p = 1; p <= pulses; p++)
        {
            watch.Start();
            array.ApplySetAll(0, devices);
            watch.Stop();
            points.Add(Stats("potentiation", p, array, buffer));
        }
        points.Add(Stats("depression", 0, array, buffer));
        for (int p = 1; p <= pulses; p++)
        {
            watch.Start();
            array.ApplyResetAll(0, devices);
            watch.Stop();
            points.Add(Stats("depression", p, array, buffer));
        }
        return new DeviceResponse(points, array, watch.Elapsed.TotalSeconds, 2L * pulses * devices);
    }

    private static ResponsePoint Stats(string phase, int pulse, DeviceArray devices, double[] buffer)
    {
        devices.ReadRange(0, buffer);
        double sum = 0, sumSq = 0;
        foreach (double g in buffer)
        {
            sum += g;
            sumSq += g * g;
        }
        int n = buffer.Length;
        double mean = sum / n;
        Array.Sort(buffer);
        return new ResponsePoint(phase, pulse, Quantile(buffer, 0.5), mean, Math.Sqrt(Math.Max(0, sumSq / n - mean * mean)),
                                 Quantile(buffer, 0.158655), Quantile(buffer, 0.841345), buffer[0], buffer[^1]);
    }

    /// <summary>Linear-interpolated quantile of sorted values.</summary>
    public static double Quantile(double[] sorted, double p)
    {
        double x = p * (sorted.Length - 1);
        int i = (int)x;
        return i + 1 < sorted.Length ? sorted[i] + (x - i) * (sorted[i + 1] - sorted[i]) : sorted[i];
    }

    public void WriteCsv(TextWriter w)
    {
        var inv = CultureInfo.InvariantCulture;
        w.WriteLine("phase,pulse,median,mean,std,p16,p84,min,max");
        foreach (var p in Points)
        {
            w.WriteLine(string.Join(',', p.Phase, p.Pulse.ToString(inv), F(p.Median), F(p.Mean), F(p.Std), F(p.P16), F(p.P84), F(p.Min), F(p.Max)));
        }

        string F(double v) => v.ToString("G9", inv);
    }

    /// <summary>Pulses the CLI applies when none are asked for: enough to sweep the model's whole window.</summary>
    public static int DefaultPulses(DeviceConfig config) => config switch
    {
        ExponentialDeviceConfig c => (int)Math.Min(4000, Math.Ceiling(c.NMax * 1.25)),
        NLevelDeviceConfig c => Math.Min(4000, c.Levels + c.Levels / 4),
        PcmDeviceConfig => 30,
        JumpTableDeviceConfig => 160,
        IdealDeviceConfig c => (int)Math.Clamp(Math.Ceiling((c.GMax - c.GMin) / c.Step * 1.1), 10, 4000),
        LinearStepDeviceConfig c => (int)Math.Clamp(Math.Ceiling((c.WMax - c.WMin) / c.DwMin * 3), 10, 4000),
        ConstantStepDeviceConfig c => (int)Math.Clamp(Math.Ceiling((c.WMax - c.WMin) / c.DwMin * 1.2), 10, 4000),
        _ => 100,
    };
}
