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

    public static IReadOnlyList<ReproduceFigure> All { get; } =
    [
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
    ];

    private static FigureSweep MethodSweep(string file, string xKey) => new()
    {
        File = Lim + file,
        XKey = xKey,
        SeriesKey = "update.method",
        SeriesFormat = "method {0}",
    };
}
