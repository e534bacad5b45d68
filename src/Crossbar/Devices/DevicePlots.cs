using System.Globalization;
using Crossbar.Config;
using Crossbar.Plotting;

namespace Crossbar.Devices;

/// <summary>
/// Plots of a device report, drawn from the CSVs <see cref="DeviceReport"/> writes: conductance vs pulse number
/// with the ±1σ band and its σ (001 Fig. 8(a), 002 Fig. 6, 004 Fig. 3), jump-table CDF heat maps (001 Fig. 8(b)),
/// the PCM programming curve and program-and-verify CDFs (004 Fig. 2), and the time response (001 Figs. 9, 11).
/// Writes SVG, and PNG where rsvg-convert exists; returns the files written.
/// </summary>
public static class DevicePlots
{
    public static IReadOnlyList<string> Write(string directory, DeviceConfig device, JumpTable? table)
    {
        var files = new List<string>();
        void Saved(SaveResult r)
        {
            files.Add(r.SvgPath);
            if (r.PngPath is not null)
            {
                files.Add(r.PngPath);
            }
        }
        string unit = device is PcmDeviceConfig ? "G (µS)" : "G";
        var response = Csv.Read(Path.Combine(directory, "response.csv"));
        Saved(Response(response, device, unit).Save(Path.Combine(directory, "response")));
        if (table is not null)
        {
            Saved(Table(table).Save(Path.Combine(directory, "table_heatmap")));
        }
        string curve = Path.Combine(directory, "programming_curve.csv");
        string verify = Path.Combine(directory, "program_verify.csv");
        if (File.Exists(curve) && File.Exists(verify))
        {
            Saved(Programming(Csv.Read(curve), Csv.Read(verify)).Save(Path.Combine(directory, "programming")));
        }
        string time = Path.Combine(directory, "time_response.csv");
        if (File.Exists(time))
        {
            Saved(TimeResponse(Csv.Read(time), device).Save(Path.Combine(directory, "time_response")));
        }
        return files;
    }

    /// <summary>(a) G vs pulse number, potentiation then depression, median and ±1σ band; (b) σ; (c) median step vs G.</summary>
    public static Figure Response(Csv csv, DeviceConfig device, string unit)
    {
        var phase = csv.Text("phase");
        int n = phase.Count(p => p == "potentiation") - 1;
        var x = Enumerable.Range(0, phase.Count).Select(i => (double)(phase[i] == "potentiation" ? i : i - 1)).ToArray();
        // Depression starts where potentiation ended: drop its duplicate pulse-0 row from the x axis.
        var keep = Enumerable.Range(0, phase.Count).Where(i => !(phase[i] == "depression" && i == n + 1)).ToArray();
        double[] Pick(double[] v) => keep.Select(i => v[i]).ToArray();
        var median = csv.Number("median");
        var p16 = csv.Number("p16");
        var p84 = csv.Number("p84");
        var std = csv.Number("std");
        var xs = Pick(x);

        var fig = new Figure(1, 3) { Title = $"{device.ModelName}: conductance response of {n} SET then {n} RESET pulses", PanelWidth = 420, PanelHeight = 320 };
        var a = new Plot { Title = "median and ±1σ", XLabel = "pulse number", YLabel = unit };
        a.Line(xs, Pick(median), "median");
        a.Band(xs, Pick(p16), Pick(p84), "±1σ (15.9–84.1 %)");
        a.VLine(n, "SET → RESET", SeriesStyle.Dotted);
        fig[0, 0] = a;

        var b = new Plot { Title = "spread", XLabel = "pulse number", YLabel = $"σ of {unit}" };
        b.Line(xs, Pick(std), "σ");
        b.VLine(n, null, SeriesStyle.Dotted);
        fig[0, 1] = b;

        var c = new Plot { Title = "median step vs conductance", XLabel = unit, YLabel = "ΔG per pulse" };
        var gUp = new List<double>();
        var dUp = new List<double>();
        var gDown = new List<double>();
        var dDown = new List<double>();
        for (int i = 1; i < phase.Count; i++)
        {
            if (phase[i] != phase[i - 1] || (phase[i] == "depression" && i == n + 1))
            {
                continue;
            }
            (phase[i] == "potentiation" ? gUp : gDown).Add(median[i - 1]);
            (phase[i] == "potentiation" ? dUp : dDown).Add(median[i] - median[i - 1]);
        }
        c.Line(gUp, dUp, "SET", SeriesStyle.WithMarkers);
        c.Line(gDown, dDown, "RESET", SeriesStyle.WithMarkers);
        c.HLine(0, null, SeriesStyle.Dotted);
        fig[0, 2] = c;
        return fig;
    }

    /// <summary>CDF of ΔG at each conductance, SET and RESET (001 Fig. 8(b)).</summary>
    public static Figure Table(JumpTable table)
    {
        var fig = new Figure(1, 2) { Title = $"jump table: {table.Label}", PanelWidth = 460, PanelHeight = 360 };
        int col = 0;
        foreach (bool set in new[] { true, false })
        {
            var (lo, hi) = table.Range(set);
            // Show the bulk: 0.1 %–99.9 % over all bins.
            double qlo = double.PositiveInfinity, qhi = double.NegativeInfinity;
            int k1 = (int)(0.001 * table.Quantiles), k2 = (int)Math.Ceiling(0.999 * table.Quantiles);
            for (int b = 0; b < table.Bins; b++)
            {
                qlo = Math.Min(qlo, table.Quantile(set, b, k1));
                qhi = Math.Max(qhi, table.Quantile(set, b, k2));
            }
            lo = Math.Max(lo, qlo);
            hi = Math.Min(hi, qhi);
            if (!(hi > lo))
            {
                hi = lo + 1e-9;
            }
            const int cols = 160;
            var v = new double[table.Bins, cols];
            for (int b = 0; b < table.Bins; b++)
            {
                for (int j = 0; j < cols; j++)
                {
                    v[b, j] = table.Cdf(set, b, lo + (hi - lo) * (j + 0.5) / cols);
                }
            }
            var p = new Plot { Title = set ? "SET (potentiation)" : "RESET (depression)", XLabel = "ΔG", YLabel = "G before the pulse" };
            var h = p.HeatMap(v, lo, hi, table.GMin, table.GMax, "cumulative probability");
            h.ColorMin = 0;
            h.ColorMax = 1;
            p.VLine(0, null, SeriesStyle.Dotted);
            fig[0, col++] = p;
        }
        return fig;
    }

    /// <summary>(a) programming curve, mean ± σ vs current; (b) CDFs of devices programmed to 32 levels (004 Fig. 2).</summary>
    public static Figure Programming(Csv curve, Csv verify)
    {
        var fig = new Figure(1, 2) { Title = "PCM programming (004 Fig. 2)", PanelWidth = 440, PanelHeight = 340 };
        var current = curve.Number("current_ua");
        var mean = curve.Number("mean_g");
        var std = curve.Number("std_g");
        var a = new Plot { Title = "programming curve", XLabel = "programming current (µA)", YLabel = "G (µS)" };
        a.Line(current, mean, "mean");
        a.Band(current, mean.Zip(std, (m, s) => m - s).ToArray(), mean.Zip(std, (m, s) => m + s).ToArray(), "±1σ");
        fig[0, 0] = a;

        var b = new Plot { Title = "iterative program-and-verify, 32 levels", XLabel = "G (µS)", YLabel = "cumulative probability", Legend = LegendPosition.None };
        var level = verify.Number("level");
        var achieved = verify.Number("achieved");
        foreach (var group in Enumerable.Range(0, level.Length).GroupBy(i => level[i]))
        {
            b.Cdf(group.Select(i => achieved[i]), null, new SeriesStyle { Color = Palette.CycleColor((int)group.Key) });
        }
        fig[0, 1] = b;
        return fig;
    }

    /// <summary>G(t)/G(t_p) after programming, log time axis (001 Fig. 9; decay of 001 Fig. 11).</summary>
    public static Plot TimeResponse(Csv csv, DeviceConfig device)
    {
        var t = csv.Number("time");
        string what = device.Drift.Enabled && device.Decay.Enabled ? "drift and decay"
            : device.Drift.Enabled ? $"drift, ν = {device.Drift.Nu} ± {device.Drift.NuStd}" : $"decay, RC = {device.Decay.Rc} s";
        var p = new Plot { Title = $"conductance after programming ({what})", XLabel = "time since programming (s)", YLabel = "G(t) / G(t_{p})", XAxis = AxisScale.Log };
        p.Line(t, csv.Number("median_ratio"), "median");
        p.Band(t, csv.Number("p16_ratio"), csv.Number("p84_ratio"), "±1σ");
        return p;
    }

    /// <summary>Minimal reader for the report's own CSVs (comma-separated, header line, no quoting).</summary>
    public sealed class Csv
    {
        private readonly Dictionary<string, int> _columns;
        private readonly List<string[]> _rows;

        private Csv(Dictionary<string, int> columns, List<string[]> rows)
        {
            _columns = columns;
            _rows = rows;
        }

        public static Csv Read(string path)
        {
            var lines = File.ReadAllLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
            var header = lines[0].Split(',');
            var columns = header.Select((h, i) => (h, i)).ToDictionary(p => p.h, p => p.i);
            return new Csv(columns, lines.Skip(1).Select(l => l.Split(',')).ToList());
        }

        public List<string> Text(string column) => _rows.Select(r => r[_columns[column]]).ToList();

        public double[] Number(string column) =>
            _rows.Select(r => double.Parse(r[_columns[column]], CultureInfo.InvariantCulture)).ToArray();
    }
}
