using Crossbar.Plotting;
using Crossbar.Tests.Cli;

namespace Crossbar.Tests.Devices;

public class DeviceCommandTests
{
    private static string ExperimentsDir()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "experiments", "devices");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("experiments/devices not found above the test binaries");
    }

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(ExperimentsDir(), "*.yaml").OrderBy(f => f))
        {
            data.Add(Path.GetFileName(f));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_device_experiment_writes_csv_summary_and_plots(string file)
    {
        string outDir = CliHarness.TempDir();
        var (exit, stdout, stderr) = CliHarness.Run("device", Path.Combine(ExperimentsDir(), file), "--out", outDir, "--devices", "64", "--pulses", "12");
        Assert.True(exit == 0, stderr);
        Assert.Contains("pulses/s", stdout);
        var lines = File.ReadAllLines(Path.Combine(outDir, "response.csv"));
        Assert.Equal("phase,pulse,median,mean,std,p16,p84,min,max", lines[0]);
        Assert.Equal(1 + 2 * 13, lines.Length);
        Assert.True(File.Exists(Path.Combine(outDir, "summary.json")));
        Assert.True(File.Exists(Path.Combine(outDir, "config.yaml")));
        Assert.True(File.Exists(Path.Combine(outDir, "response.svg")));
        if (PlotWriter.CanWritePng)
        {
            Assert.True(File.Exists(Path.Combine(outDir, "response.png")));
        }
        if (file.StartsWith("jump_table", StringComparison.Ordinal))
        {
            Assert.True(File.Exists(Path.Combine(outDir, "table.csv")));
            Assert.True(File.Exists(Path.Combine(outDir, "table_heatmap.svg")));
        }
        if (file == "pcm.yaml")
        {
            Assert.True(File.Exists(Path.Combine(outDir, "programming.svg")));
        }
        if (file is "pcm_drift.yaml" or "capacitor.yaml")
        {
            Assert.True(File.Exists(Path.Combine(outDir, "time_response.svg")));
        }
    }

    [Fact]
    public void A_file_without_a_device_section_is_a_user_error()
    {
        string dir = CliHarness.TempDir();
        string path = Path.Combine(dir, "float.yaml");
        File.WriteAllText(path, "name: float-only\n");
        var (exit, _, stderr) = CliHarness.Run("device", path, "--out", dir);
        Assert.Equal(2, exit);
        Assert.Contains("float.yaml", stderr);
        Assert.Contains("device", stderr);
    }

    [Fact]
    public void Set_overrides_reach_the_device_and_bad_values_name_the_key()
    {
        string dir = CliHarness.TempDir();
        string file = Path.Combine(ExperimentsDir(), "exponential.yaml");
        var (exit, _, stderr) = CliHarness.Run("device", file, "--out", dir, "--set", "device.g_min=2");
        Assert.Equal(2, exit);
        Assert.Contains("device.g_min", stderr);
        (exit, _, stderr) = CliHarness.Run("device", file, "--out", dir, "--devices", "8", "--set", "device.n_max=16");
        Assert.True(exit == 0, stderr);
        Assert.Contains("\"alpha_p\"", File.ReadAllText(Path.Combine(dir, "summary.json")));
    }

    [Fact]
    public void Config_describe_lists_every_device_model_with_its_keys()
    {
        var (exit, stdout, stderr) = CliHarness.Run("config", "describe", "device");
        Assert.True(exit == 0, stderr);
        foreach (var model in new[] { "ideal", "constant_step", "linear_step", "soft_bounds", "exponential", "jump_table", "n_level", "pcm" })
        {
            Assert.Contains($"# model: {model}", stdout);
        }
        Assert.Contains("dw_min_dtod", stdout);
        Assert.Contains("n_max", stdout);
    }
}
