using Crossbar.Experiments.Reproduce;
using Crossbar.Tests.Cli;

namespace Crossbar.Tests.Reproduce;

/// <summary>Figures whose points come from a table each run writes: an inference study (002 Fig. 14) and training curves in panels (002 Fig. 7).</summary>
public class ReproduceTableFigureTests
{
    [Fact]
    public void Inference_figure_quick_run_reads_the_study_table_and_resumes()
    {
        string? data = TrainCommandTests.FindMnist();
        if (data is null)
        {
            return; // MNIST not present on this machine: the registry test still checks the sweep file
        }
        string dir = Path.Combine(CliHarness.TempDir(), "fig14");
        string[] args =
        [
            "reproduce", "lim-fig14", "--quick", "--data", data, "--out", dir, "-q",
            "--set", "data.train_count=500", "--set", "data.test_count=200", "--set", "inference.repeats=2",
        ];
        var r = CliHarness.Run(args);
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains("1 of 1 run(s) run now", r.Out);
        Assert.True(File.Exists(Path.Combine(dir, "lim-fig14.svg")));
        string report = File.ReadAllText(Path.Combine(dir, "REPORT.md"));
        foreach (var row in new[] { "| on_chip | 0 | 94.92 | **", "| on_chip | 1 | 94.01 | **", "| off_chip | 0.5 | 79.24 | **", "| off_chip | 1 | 57.34 | **" })
        {
            Assert.Contains(row, report);
        }

        r = CliHarness.Run(args);
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains("0 of 1 run(s) run now", r.Out);
    }

    [Fact]
    public void Curve_figure_draws_one_panel_per_panel_key_value()
    {
        string? data = TrainCommandTests.FindMnist();
        if (data is null)
        {
            return;
        }
        string dir = Path.Combine(CliHarness.TempDir(), "fig7");
        var r = CliHarness.Run("reproduce", "lim-fig7", "--quick", "--data", data, "--out", dir, "-q",
                               "--set", "data.train_count=300", "--set", "data.test_count=200", "--set", "evaluation.every_examples=100");
        Assert.True(r.Exit == 0, r.Err);
        string svg = File.ReadAllText(Path.Combine(dir, "lim-fig7.svg"));
        foreach (var panel in new[] { "β = 0", "β = 1", "β = 2", "β = 3" })
        {
            Assert.Contains(panel, svg);
        }
        string report = File.ReadAllText(Path.Combine(dir, "REPORT.md"));
        // 300 images end at iteration 0.3k, so the paper's points at 60k are listed as not run, each in its panel.
        Assert.Contains("| method b (β = 2) | 60 | 94.80 | not run", report);
        Assert.Contains("| SW | 60 | 93.83 | not run", report);
        Assert.Contains("| method c (β = 3) | 0.3 (300) |", report);
    }

    [Fact]
    public void Every_table_figure_names_columns_and_a_runner()
    {
        foreach (var sweep in ReproduceRegistry.All.SelectMany(f => f.Sweeps).Where(s => s.Table is not null))
        {
            Assert.False(string.IsNullOrEmpty(sweep.Table!.XColumn));
            Assert.Null(sweep.XKey); // x comes from the table
            Assert.NotNull(sweep.Runner);
        }
    }
}
