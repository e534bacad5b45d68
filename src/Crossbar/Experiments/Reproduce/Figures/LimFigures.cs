using System.Globalization;
using Crossbar.Inference;
using Crossbar.Plotting;

namespace Crossbar.Experiments.Reproduce.Figures;

/// <summary>002 (Lim et al. 2018, adaptive learning rule): the figures of §3.1.</summary>
internal static class LimFigures
{
    private const string Lim = "experiments/lim-adaptive-rule/";

    /// <summary>002's error bars, and ours (see the sweep files).</summary>
    private const string LimErrorBars =
        "paper: max/min accuracy in the last 100 iterations; ours: min/max test accuracy over the last 10 evaluation " +
        "points (every 1,000 training images on the first 2,000 test images, and the final point on all 10,000)";

    /// <summary>A 3,000-image subset, evaluations every 500 images on 500 test images (band over the last 3): each quick figure runs in well under 2 minutes.</summary>
    private static readonly string[] LimQuick =
    [
        "data.train_count=3000", "data.test_count=1000", "evaluation.every_examples=500", "evaluation.intermediate_test_count=500",
        "evaluation.fluctuation_window=3",
    ];

    /// <summary>002's SW reference after one epoch (η = 0.01; stated with Fig. 12, drawn in Figs. 8–10), across the axis.</summary>
    private static readonly PaperValue SwPaper = new("SW", double.NaN, 93.83);

    private static readonly FigureSweep SwReference = new()
    {
        File = Lim + "sw-reference.yaml",
        SeriesFormat = "SW",
    };

    /// <summary>A training run's metrics.csv as a curve over iterations (thousands of training images).</summary>
    private static readonly PointTable IterationCurve = new() { File = "metrics.csv", XColumn = "examples", AccuracyColumn = "test_accuracy" };

    public static IReadOnlyList<ReproduceFigure> All { get; } =
    [
        // 002 (Lim et al. 2018) §3.1, Fig. 7 A–D: accuracy over the 60,000 iterations for methods a, b, c and SW, one panel per β.
        new()
        {
            Id = "lim-fig7",
            Title = "002 Fig. 7: accuracy over training, methods a/b/c vs SW (n_max = 64, online)",
            Paper = "002 (Lim et al.) §3.1, Fig. 7",
            ShortName = "lim-adaptive-rule",
            Sweeps =
            [
                // The runs of lim-fig8 (same sweep files, so the same points): their metrics.csv are Fig. 7's curves.
                MethodSweep("fig8.yaml", null) with { PanelKey = "device.nonlinearity", PanelFormat = "β = {0}", Table = IterationCurve, ParseX = Thousands },
                SwReference with { Table = IterationCurve, ParseX = Thousands },
            ],
            QuickOverrides = LimQuick,
            // The text states only the final averages (with Fig. 8): method b and SW after 60,000 iterations.
            PaperValues =
            [
                new("method b", 60, 95.36, "β = 0"), new("method b", 60, 95.59, "β = 1"), new("method b", 60, 94.80, "β = 2"),
                new("method b", 60, 93.71, "β = 3"), new("SW", 60, 93.83),
            ],
            ErrorBars = "paper: none (one run per curve); ours: none (one run per curve; test accuracy every 1,000 iterations on the " +
                        "first 2,000 test images, the last point on all 10,000)",
            XLabel = "iterations (×1,000 training images)",
            XName = "iterations (k)",
        },
        // 002 (Lim et al. 2018) §3.1, Fig. 8: accuracy vs nonlinearity β for methods a, b, c, n_max 64, batch 1.
        new()
        {
            Id = "lim-fig8",
            Title = "002 Fig. 8: accuracy vs nonlinearity β (n_max = 64, online)",
            Paper = "002 (Lim et al.) §3.1, Fig. 8",
            ShortName = "lim-adaptive-rule",
            Sweeps = [MethodSweep("fig8.yaml", "device.nonlinearity"), SwReference],
            QuickOverrides = LimQuick,
            PaperValues = [.. PaperValue.Curve("method b", [0, 1, 2, 3], [95.36, 95.59, 94.80, 93.71]), SwPaper],
            ErrorBars = LimErrorBars,
            XLabel = "nonlinearity β",
            XName = "β",
        },
        // 002 (Lim et al. 2018) §3.1, Fig. 9: accuracy vs dynamic range n_max for methods a, b, c, β = 2, batch 1.
        new()
        {
            Id = "lim-fig9",
            Title = "002 Fig. 9: accuracy vs dynamic range n_max (β = 2, online)",
            Paper = "002 (Lim et al.) §3.1, Fig. 9",
            ShortName = "lim-adaptive-rule",
            Sweeps = [MethodSweep("fig9.yaml", "device.n_max"), SwReference],
            QuickOverrides = LimQuick,
            PaperValues = [.. PaperValue.Curve("method b", [32, 64, 128], [92.96, 94.80, 94.71]), SwPaper],
            ErrorBars = LimErrorBars,
            XLabel = "dynamic range n_max",
            XAxis = AxisScale.Log,
            XName = "n_max",
        },
        // 002 (Lim et al. 2018) §3.1, Fig. 10: accuracy vs mini-batch size for methods a, b, c, β = 2, n_max = 64.
        new()
        {
            Id = "lim-fig10",
            Title = "002 Fig. 10: accuracy vs mini-batch size (β = 2, n_max = 64)",
            Paper = "002 (Lim et al.) §3.1, Fig. 10",
            ShortName = "lim-adaptive-rule",
            Sweeps = [MethodSweep("fig10.yaml", "training.batch_size"), SwReference],
            QuickOverrides = LimQuick,
            PaperValues = [.. PaperValue.Curve("method b", [1, 2, 5, 10], [94.80, 95.64, 95.70, 80.42]), SwPaper],
            ErrorBars = LimErrorBars,
            XLabel = "mini-batch size",
            XAxis = AxisScale.Log,
            XName = "batch",
        },
        // 002 (Lim et al. 2018) §3.1, Fig. 12: accuracy vs number of hidden layers, SW and HW (method b, β = 0 and 2).
        new()
        {
            Id = "lim-fig12",
            Title = "002 Fig. 12: accuracy vs hidden layers (SW, HW method b)",
            Paper = "002 (Lim et al.) §3.1, Fig. 12",
            ShortName = "lim-adaptive-rule",
            Sweeps =
            [
                new FigureSweep { File = Lim + "fig12-sw.yaml", XKey = "network.layers", SeriesFormat = "SW", ParseX = FigureSweep.HiddenLayers },
                new FigureSweep
                {
                    File = Lim + "fig12.yaml", XKey = "network.layers", SeriesKey = "device.nonlinearity", SeriesFormat = "HW β = {0}",
                    ParseX = FigureSweep.HiddenLayers,
                },
            ],
            QuickOverrides = LimQuick,
            PaperValues = [.. PaperValue.Curve("SW", [1, 2, 3], [93.83, 96.19, 91.84]), .. PaperValue.Curve("HW β = 0", [1, 2, 3], [95.36, 95.85, 94.45])],
            ErrorBars = LimErrorBars,
            XLabel = "number of hidden layers",
            XName = "hidden layers",
        },
        // 002 (Lim et al. 2018) §3.2, Fig. 14: accuracy vs device-to-device variation σ, off-chip (float + transfer) vs on-chip (method b).
        new()
        {
            Id = "lim-fig14",
            Title = "002 Fig. 14: accuracy vs device variation σ (β = 2, n_max = 64, method b)",
            Paper = "002 (Lim et al.) §3.2, Fig. 14",
            ShortName = "lim-adaptive-rule",
            Sweeps =
            [
                new FigureSweep
                {
                    File = Lim + "fig14-sweep.yaml", SeriesFormat = "{1}", Runner = InferencePointRunner.Run,
                    Table = new PointTable
                    {
                        File = VariationStudy.SummaryFile, XColumn = "sigma", SeriesColumns = ["mode"],
                        AccuracyColumn = "mean_accuracy", LowColumn = "min_accuracy", HighColumn = "max_accuracy",
                    },
                },
            ],
            // One inference run: float training and three on-chip trainings on 3,000 images, 3 transfers per σ.
            QuickOverrides = ["data.train_count=3000", "data.test_count=1000", "evaluation.every_examples=0", "inference.repeats=3"],
            PaperValues =
            [
                .. PaperValue.Curve("on_chip", [0, 0.5, 1], [94.92, 94.81, 94.01]),
                .. PaperValue.Curve("off_chip", [0, 0.5, 1], [94.67, 79.24, 57.34]),
            ],
            ErrorBars = "paper: off-chip, spread of 10 transfers (on-chip: not stated); ours: off-chip min/max over 10 transfers " +
                        "(open loop, full test set), on-chip one training run per σ (no bar)",
            XLabel = "device variation σ (X ~ N(1, σ))",
            XName = "σ",
        },
    ];

    private static double Thousands(string examples) => double.Parse(examples, CultureInfo.InvariantCulture) / 1000;

    private static FigureSweep MethodSweep(string file, string? xKey) => new()
    {
        File = Lim + file,
        XKey = xKey,
        SeriesKey = "update.method",
        SeriesFormat = "method {0}",
    };
}
