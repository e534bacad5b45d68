using Crossbar.Config;
using Crossbar.Devices;
using static Crossbar.Tests.Devices.DeviceTestHelpers;

namespace Crossbar.Tests.Devices;

public class JumpTableTests
{
    private static double SetMedian(double g) => 0.002 + 0.03 * Math.Exp(-g / 0.4);

    private static double SetSigma(double g) => 0.001 + 0.4 * SetMedian(g);

    private static double ResetMedian(double g) => -0.01 - 0.02 * g;

    private static double ResetSigma(double g) => 0.004 + 0.003 * g;

    [Fact]
    public void Table_from_median_and_sigma_curves_reproduces_them_within_2_percent()
    {
        var table = JumpTable.FromMedianAndSigma("test", 0, 1, 16, 1024, SetMedian, SetSigma, ResetMedian, ResetSigma);
        for (int b = 0; b < table.Bins; b++)
        {
            double g = table.BinCenter(b);
            foreach (bool set in new[] { true, false })
            {
                var (median, sigma) = table.Measure(set, b, 100_000, seed: 11);
                double m = set ? SetMedian(g) : ResetMedian(g);
                double s = set ? SetSigma(g) : ResetSigma(g);
                Assert.True(Math.Abs(median - m) <= 0.02 * Math.Abs(m), $"bin {b} {(set ? "SET" : "RESET")}: median {median} vs {m}");
                Assert.True(Math.Abs(sigma - s) <= 0.02 * s, $"bin {b} {(set ? "SET" : "RESET")}: σ {sigma} vs {s}");
            }
        }
    }

    [Fact]
    public void Table_from_median_and_plus_minus_sigma_curves()
    {
        var table = JumpTable.FromMedianAndBand("band", 0, 1, 8, 1024,
            SetMedian, g => SetMedian(g) - SetSigma(g), g => SetMedian(g) + SetSigma(g),
            ResetMedian, g => ResetMedian(g) - ResetSigma(g), g => ResetMedian(g) + ResetSigma(g));
        for (int b = 0; b < table.Bins; b++)
        {
            var (median, sigma) = table.Measure(true, b, 100_000, seed: 3);
            double g = table.BinCenter(b);
            Assert.Equal(SetMedian(g), median, 0.02 * SetMedian(g));
            Assert.Equal(SetSigma(g), sigma, 0.02 * SetSigma(g));
        }
        Assert.Throws<CrossbarException>(() => JumpTable.FromMedianAndBand("bad", 0, 1, 4, 64,
            _ => 0.01, _ => 0.02, _ => 0.03, _ => -0.01, _ => -0.02, _ => 0.0));
    }

    [Fact]
    public void Device_pulses_sample_the_row_of_the_present_conductance()
    {
        var table = JumpTable.FromMedianAndSigma("test", 0, 1, 16, 1024, SetMedian, SetSigma, ResetMedian, ResetSigma);
        var config = (JumpTableDeviceConfig)Device("model: jump_table\ninitial_g: 0.5");
        var devices = new DeviceArray<JumpTableDevice>(new JumpTableDevice(table, 0.5), 100_000, config, 3);
        devices.ApplySetAll(0, devices.Count);
        var jumps = devices.Stored.Select(g => g - 0.5).OrderBy(x => x).ToArray();
        double g0 = table.BinCenter(table.BinOf(0.5));
        Assert.Equal(SetMedian(g0), jumps[jumps.Length / 2], 0.02 * SetMedian(g0));
    }

    [Fact]
    public void Csv_round_trip_keeps_the_quantiles()
    {
        var table = BuiltinJumpTables.Pcmo(256);
        var w = new StringWriter();
        JumpTableCsv.Write(table, w, points: 256);
        var back = JumpTableCsv.Parse(w.ToString().Split('\n'), "pcmo.csv", 256);
        Assert.Equal(table.Bins, back.Bins);
        Assert.Equal(table.GMin, back.GMin, 1e-9);
        Assert.Equal(table.GMax, back.GMax, 1e-9);
        for (int b = 0; b < table.Bins; b += 7)
        {
            for (int k = 0; k <= 256; k += 16)
            {
                Assert.Equal(table.Quantile(true, b, k), back.Quantile(true, b, k), 1e-6);
                Assert.Equal(table.Quantile(false, b, k), back.Quantile(false, b, k), 1e-6);
            }
        }
    }

    private static string ValidCsv() => string.Join('\n',
        "direction,g,dg,cdf",
        "set,0.25,0.0,0.0", "set,0.25,0.1,1.0",
        "set,0.75,0.0,0.0", "set,0.75,0.05,1.0",
        "reset,0.25,-0.05,0.0", "reset,0.25,0.0,1.0",
        "reset,0.75,-0.1,0.0", "reset,0.75,0.0,1.0");

    [Fact]
    public void Valid_csv_parses_and_samples_uniformly_between_points()
    {
        var t = JumpTableCsv.Parse(ValidCsv().Split('\n'), "t.csv", 100);
        Assert.Equal(0.0, t.GMin, 1e-12);
        Assert.Equal(1.0, t.GMax, 1e-12);
        Assert.Equal(0.05, t.SampleSet(0.1, 0.5), 1e-7);
        Assert.Equal(0.025, t.SampleSet(0.9, 0.5), 1e-7);
        Assert.Equal(-0.05, t.SampleReset(0.9, 0.5), 1e-7);
    }

    [Theory]
    [InlineData("direction,g,dg\nset,0.25,0.0", "column 'cdf'", "missing column")]
    [InlineData("direction,g,dg,cdf\nset,0.25,0.0,0.6\nset,0.25,0.1,0.5", "column 'cdf'", "not monotone")]
    [InlineData("direction,g,dg,cdf\nset,0.25,0.0,0.0\nset,0.25,0.1,0.9\nset,0.75,0.0,0.0", "column 'cdf'", "must end at 1")]
    [InlineData("direction,g,dg,cdf\nset,0.25,0.1,0.0\nset,0.25,0.0,1.0", "column 'dg'", "must increase")]
    [InlineData("direction,g,dg,cdf\nup,0.25,0.1,0.0", "column 'direction'", "must be set or reset")]
    [InlineData("direction,g,dg,cdf\nset,0.25,abc,0.0", "column 'dg'", "not a finite number")]
    public void Invalid_csv_is_rejected_naming_file_line_and_column(string csv, string column, string problem)
    {
        var e = Assert.Throws<CrossbarException>(() => JumpTableCsv.Parse(csv.Split('\n'), "bad.csv", 64));
        Assert.StartsWith("bad.csv:", e.Message);
        Assert.Contains(column, e.Message);
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Config_pointing_at_a_bad_csv_names_that_file()
    {
        string dir = Directory.CreateTempSubdirectory("jt").FullName;
        string path = Path.Combine(dir, "table.csv");
        File.WriteAllText(path, ValidCsv().Replace("set,0.75,0.05,1.0", "set,0.75,0.05,0.7"));
        var config = (JumpTableDeviceConfig)Device("model: jump_table\ntable: table.csv");
        var e = Assert.Throws<CrossbarException>(() => DeviceFactory.Create(config, 4, 1, dir));
        Assert.Contains("table.csv", e.Message);
        Assert.Contains("cdf", e.Message);
    }

    [Fact]
    public void Builtin_tables_are_labelled_constructed()
    {
        foreach (var name in BuiltinJumpTables.Names)
        {
            var t = BuiltinJumpTables.Get(name, 128);
            Assert.Contains("constructed", t.Label);
            Assert.Contains("not measured", t.Label);
        }
        // PCM: gentle SET, abrupt RESET to near the bottom.
        var pcm = BuiltinJumpTables.Pcm(1024);
        Assert.InRange(pcm.SampleSet(0.5, 0.5), 0.0, 0.05);
        Assert.InRange(0.8 + pcm.SampleReset(0.8, 0.5), 0.0, 0.05);
        // PCMO: bidirectional and asymmetric in the centre (RESET jumps larger than SET jumps).
        var pcmo = BuiltinJumpTables.Pcmo(1024);
        Assert.True(-pcmo.SampleReset(0.5, 0.5) > 2 * pcmo.SampleSet(0.5, 0.5));
    }
}
