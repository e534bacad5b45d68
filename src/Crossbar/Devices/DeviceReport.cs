using System.Globalization;
using System.Text.Json;
using Crossbar.Config;
using Crossbar.Numerics;

namespace Crossbar.Devices;

/// <summary>Files written by <c>crossbar device</c> for one device config.</summary>
public sealed record DeviceReportFiles(string Directory, IReadOnlyList<string> Files, DeviceResponse Response);

/// <summary>
/// Characterises a device config the way the papers show devices: conductance vs pulse number for potentiation
/// and depression (response.csv), the jump table as CSV and as a CDF grid for a heat map, the PCM programming curve
/// and program-and-verify outcome, and the time response when drift or decay is on; plus summary.json and the
/// resolved config.yaml. Plots are drawn from these CSVs by <see cref="DevicePlots"/>.
/// </summary>
public static class DeviceReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static DeviceReportFiles Write(ExperimentConfig experiment, string directory, int devices, int pulses, string? baseDirectory)
    {
        var device = experiment.Device
            ?? throw new CrossbarException($"{experiment.Name}: the experiment has no device section; add e.g. 'device: {{model: exponential}}'");
        if (devices < 1 || pulses < 1)
        {
            throw new CrossbarException("--devices and --pulses must be at least 1");
        }
        Directory.CreateDirectory(directory);
        var files = new List<string>();
        string PathOf(string name)
        {
            string p = Path.Combine(directory, name);
            files.Add(p);
            return p;
        }

        var response = DeviceResponse.Measure(device, devices, pulses, experiment.Seed, baseDirectory);
        using (var w = new StreamWriter(PathOf("response.csv")))
        {
            response.WriteCsv(w);
        }
        File.WriteAllText(PathOf("config.yaml"), ConfigWriter.ToYaml(experiment, $"resolved config of {experiment.Name}"));

        JumpTable? table = null;
        if (device is JumpTableDeviceConfig jt)
        {
            table = DeviceFactory.LoadTable(jt, baseDirectory);
            using (var w = new StreamWriter(PathOf("table.csv")))
            {
                JumpTableCsv.Write(table, w);
            }
            WriteCdfGrid(table, true, PathOf("table_cdf_set.csv"));
            WriteCdfGrid(table, false, PathOf("table_cdf_reset.csv"));
        }
        ProgramResult[]? verify = null;
        if (device is PcmDeviceConfig pcm)
        {
            WriteProgrammingCurve(pcm, PathOf("programming_curve.csv"));
            verify = WriteProgramAndVerify(pcm, experiment.Seed, baseDirectory, PathOf("program_verify.csv"));
        }
        if (device.Drift.Enabled || device.Decay.Enabled)
        {
            WriteTimeResponse(device, experiment.Seed, baseDirectory, Math.Min(devices, 1000), PathOf("time_response.csv"));
        }
        WriteSummary(experiment, device, response, table, verify, PathOf("summary.json"));
        files.AddRange(DevicePlots.Write(directory, device, table));
        return new DeviceReportFiles(directory, files, response);
    }

    /// <summary>CDF of ΔG on a regular (g, dg) grid — the colour map of 001 Fig. 8(b).</summary>
    public static void WriteCdfGrid(JumpTable table, bool set, string path, int dgPoints = 120)
    {
        var (lo, hi) = table.Range(set);
        // Trim the extreme tails so the grid shows the bulk of the distribution.
        double span = hi - lo;
        using var w = new StreamWriter(path);
        w.WriteLine("g,dg,cdf");
        for (int b = 0; b < table.Bins; b++)
        {
            string g = table.BinCenter(b).ToString("G9", Inv);
            for (int k = 0; k < dgPoints; k++)
            {
                double dg = lo + span * k / (dgPoints - 1);
                w.Write(g);
                w.Write(',');
                w.Write(dg.ToString("G9", Inv));
                w.Write(',');
                w.WriteLine(table.Cdf(set, b, dg).ToString("G6", Inv));
            }
        }
    }

    private static void WriteProgrammingCurve(PcmDeviceConfig c, string path)
    {
        var curve = new ProgrammingCurve(c);
        using var w = new StreamWriter(path);
        w.WriteLine("current_ua,mean_g,std_g");
        double top = c.CurveIMid + 6 * c.CurveIWidth;
        for (int i = 0; i <= 100; i++)
        {
            double current = top * i / 100;
            w.WriteLine($"{current.ToString("G6", Inv)},{curve.Mean(current).ToString("G9", Inv)},{curve.Std(current).ToString("G9", Inv)}");
        }
    }

    /// <summary>004 Fig. 2(b): 32 target levels, many devices each, iterative program-and-verify.</summary>
    private static ProgramResult[] WriteProgramAndVerify(PcmDeviceConfig c, ulong seed, string? baseDirectory, string path)
    {
        const int levels = 32, perLevel = 100;
        var devices = DeviceFactory.Create(c, levels * perLevel, seed, baseDirectory);
        var curve = new ProgrammingCurve(c);
        var rng = CounterRng.ForStream(seed, "program-verify-report");
        double lo = c.GReset + 0.5, hi = c.CurveGHigh * 0.95;
        double tolerance = 0.5 * (hi - lo) / (levels - 1); // ± half a level spacing: distinct levels as in 004 Fig. 2(b)
        var results = new ProgramResult[levels * perLevel];
        using var w = new StreamWriter(path);
        w.WriteLine("level,target,device,achieved,iterations,converged");
        for (int l = 0; l < levels; l++)
        {
            double target = lo + (hi - lo) * l / (levels - 1);
            for (int k = 0; k < perLevel; k++)
            {
                int d = l * perLevel + k;
                var r = ProgramAndVerify.WithCurve(devices, d, curve, target, tolerance, 30, ref rng);
                results[d] = r;
                w.WriteLine($"{l},{target.ToString("G6", Inv)},{d},{devices.Present(d).ToString("G9", Inv)},{r.Pulses},{(r.Converged ? 1 : 0)}");
            }
        }
        return results;
    }

    /// <summary>Conductance vs time after programming at mid-window (001 Fig. 9 for drift, Fig. 11's decay).</summary>
    private static void WriteTimeResponse(DeviceConfig c, ulong seed, string? baseDirectory, int count, string path)
    {
        var devices = DeviceFactory.Create(c, count, seed, baseDirectory);
        var g0 = new double[count];
        for (int d = 0; d < count; d++)
        {
            double lo = devices.Min(d), hi = devices.Max(d);
            if (!double.IsFinite(lo) || !double.IsFinite(hi))
            {
                (lo, hi) = (0, 1);
            }
            devices.Write(d, lo + 0.5 * (hi - lo));
            g0[d] = devices.Present(d);
        }
        double t0 = c.Drift.Enabled ? c.Drift.T0 : 1.0;
        double tEnd = c.Decay.Enabled ? Math.Max(10 * c.Decay.Rc, 10 * t0) : 1e6 * t0;
        var buffer = new double[count];
        using var w = new StreamWriter(path);
        w.WriteLine("time,median_ratio,mean_ratio,p16_ratio,p84_ratio");
        double tStart = Math.Min(t0, tEnd / 1e6) / 10;
        for (int i = 0; i <= 120; i++)
        {
            double t = tStart * Math.Pow(tEnd / tStart, i / 120.0);
            devices.Clock = t;
            devices.ReadRange(0, buffer);
            for (int d = 0; d < count; d++)
            {
                buffer[d] = g0[d] != 0 ? buffer[d] / g0[d] : 0;
            }
            double mean = buffer.Average();
            Array.Sort(buffer);
            w.WriteLine(string.Join(',', t.ToString("G6", Inv), DeviceResponse.Quantile(buffer, 0.5).ToString("G9", Inv),
                mean.ToString("G9", Inv), DeviceResponse.Quantile(buffer, 0.158655).ToString("G9", Inv),
                DeviceResponse.Quantile(buffer, 0.841345).ToString("G9", Inv)));
        }
    }

    private static void WriteSummary(ExperimentConfig experiment, DeviceConfig device, DeviceResponse response,
                                     JumpTable? table, ProgramResult[]? verify, string path)
    {
        using var stream = File.Create(path);
        using var j = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        var pot = response.Points.Where(p => p.Phase == "potentiation").ToList();
        var dep = response.Points.Where(p => p.Phase == "depression").ToList();
        j.WriteStartObject();
        j.WriteString("name", experiment.Name);
        j.WriteString("model", device.ModelName);
        j.WriteNumber("devices", response.Devices.Count);
        j.WriteNumber("pulses_per_phase", pot.Count - 1);
        j.WriteNumber("seed", experiment.Seed);
        j.WriteNumber("g_start_median", pot[0].Median);
        j.WriteNumber("g_after_potentiation_median", pot[^1].Median);
        j.WriteNumber("g_after_potentiation_std", pot[^1].Std);
        j.WriteNumber("g_after_depression_median", dep[^1].Median);
        j.WriteNumber("first_set_step_median", pot[1].Median - pot[0].Median);
        j.WriteNumber("last_set_step_median", pot[^1].Median - pot[^2].Median);
        j.WriteNumber("first_reset_step_median", dep[1].Median - dep[0].Median);
        j.WriteNumber("set_pulses", response.Devices.TotalSetPulses);
        j.WriteNumber("reset_pulses", response.Devices.TotalResetPulses);
        j.WriteNumber("energy_pj", response.Devices.EnergyPj);
        j.WriteNumber("energy_per_device_pj", response.Devices.EnergyPj / response.Devices.Count);
        j.WriteNumber("pulse_seconds", response.Seconds);
        j.WriteNumber("device_pulses_per_second", response.Seconds > 0 ? response.PulsesApplied / response.Seconds : 0);
        if (device is ExponentialDeviceConfig e)
        {
            var m = new ExponentialDevice(e);
            j.WriteNumber("alpha_p", m.AlphaP);
            j.WriteNumber("beta_p", m.BetaP);
            j.WriteNumber("alpha_d", m.AlphaD);
            j.WriteNumber("beta_d", m.BetaD);
        }
        if (table is not null)
        {
            j.WriteString("table", table.Label);
            j.WriteNumber("table_bins", table.Bins);
            j.WriteNumber("table_quantiles", table.Quantiles);
        }
        if (verify is not null)
        {
            j.WriteNumber("program_verify_devices", verify.Length);
            j.WriteNumber("program_verify_converged_fraction", verify.Count(r => r.Converged) / (double)verify.Length);
            j.WriteNumber("program_verify_mean_iterations", verify.Average(r => r.Pulses));
        }
        j.WriteEndObject();
    }
}
