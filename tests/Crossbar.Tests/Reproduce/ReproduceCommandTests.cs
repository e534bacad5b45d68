using Crossbar.Experiments.Reproduce;
using Crossbar.Sweeps;
using Crossbar.Tests.Cli;

namespace Crossbar.Tests.Reproduce;

public class ReproduceCommandTests
{
    [Fact]
    public void List_names_every_registered_figure()
    {
        var r = CliHarness.Run("reproduce", "--list");
        Assert.True(r.Exit == 0, r.Err);
        Assert.NotEmpty(ReproduceRegistry.All);
        foreach (var id in ReproduceRegistry.Ids)
        {
            Assert.Contains(id + " ", r.Out);
        }
        Assert.Equal(ReproduceRegistry.All.Count, ReproduceRegistry.Ids.Distinct().Count());
    }

    [Fact]
    public void Unknown_id_is_a_one_line_error()
    {
        var r = CliHarness.Run("reproduce", "lim-fig99");
        Assert.Equal(2, r.Exit);
        Assert.Contains("unknown figure 'lim-fig99'", r.Err);
        Assert.Contains("lim-fig8", r.Err);
    }

    [Fact]
    public void Every_figure_sweep_file_loads_and_validates_full_and_quick()
    {
        foreach (var figure in ReproduceRegistry.All)
        {
            string root = ReproducePaths.FindRoot(figure);
            foreach (var sweep in figure.Sweeps)
            {
                string path = Path.Combine(root, sweep.File);
                var full = SweepFile.Load(path);
                var quick = SweepFile.Load(path, figure.QuickOverrides);
                Assert.NotEmpty(full.Points);
                Assert.Equal(full.Points.Count, quick.Points.Count);
                foreach (var key in new[] { sweep.XKey, sweep.SeriesKey }.OfType<string>())
                {
                    Assert.Contains(key, full.Keys);
                }
                Assert.All(quick.Points, p => Assert.True(p.Config.Data.TrainCount <= 5000, $"{figure.Id}: quick uses a subset"));
            }
            Assert.All(figure.PaperValues, v => Assert.InRange(v.Accuracy, 0, 100));
        }
    }

    [Fact]
    public void Quick_run_writes_plot_and_report_and_keeps_explanations()
    {
        string? data = TrainCommandTests.FindMnist();
        if (data is null)
        {
            return; // MNIST not present on this machine: the registry test still checks every sweep file
        }
        string dir = Path.Combine(CliHarness.TempDir(), "fig9");
        string[] args =
        [
            "reproduce", "lim-fig9", "--quick", "--data", data, "--out", dir, "--parallel", "2", "-q",
            "--set", "data.train_count=300", "--set", "data.test_count=200",
        ];
        var r = CliHarness.Run(args);
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains("10 of 10 run(s) run now", r.Out);
        Assert.True(File.Exists(Path.Combine(dir, "lim-fig9.svg")));
        Assert.True(File.Exists(Path.Combine(dir, "fig9-hw", "results.csv")));
        Assert.True(File.Exists(Path.Combine(dir, "sw-reference", "aggregate.csv")));
        string report = File.ReadAllText(Path.Combine(dir, "REPORT.md"));
        Assert.Contains("| method b | 32 | 92.96 | **", report);
        Assert.Contains("| SW | (all) | 93.83 | **", report);
        Assert.Contains(ReproduceReport.Marker, report);

        File.WriteAllText(Path.Combine(dir, "REPORT.md"), report[..(report.IndexOf(ReproduceReport.Marker, StringComparison.Ordinal) + ReproduceReport.Marker.Length)] +
                                                          "\nOur explanation.\n");
        r = CliHarness.Run(args);
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains("0 of 10 run(s) run now", r.Out);
        Assert.EndsWith(ReproduceReport.Marker + "\nOur explanation.\n", File.ReadAllText(Path.Combine(dir, "REPORT.md")));
    }
    [Fact]
    public void Quick_run_can_take_x_from_a_results_column_and_draw_a_custom_plot()
    {
        string? data = TrainCommandTests.FindMnist();
        if (data is null)
        {
            return;
        }
        // 000 Figs. 7/16/20: accuracy against η and against energy (x = set/reset_energy_joules, not a swept key), own layout.
        string dir = Path.Combine(CliHarness.TempDir(), "boybat-fig7-16-20");
        var r = CliHarness.Run("reproduce", "boybat-fig7-16-20", "--quick", "--data", data, "--out", dir, "--parallel", "2", "-q",
                               "--set", "data.train_count=200", "--set", "data.test_count=100", "--set", "training.epochs=1");
        Assert.True(r.Exit == 0, r.Err);
        Assert.True(File.Exists(Path.Combine(dir, "boybat-fig7-16-20.svg")));
        string report = File.ReadAllText(Path.Combine(dir, "REPORT.md"));
        Assert.Contains("| case-5, SET energy | ", report);
        Assert.Contains("| case-4, RESET energy | ", report);
        Assert.Contains("| case-3 | 0.01 | ", report);
        Assert.Contains("E-0", report); // energies in joules, not learning rates
    }
}
