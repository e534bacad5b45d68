using Crossbar.Plotting;

namespace Crossbar.Experiments.Reproduce;

/// <summary>Every figure <c>crossbar reproduce</c> knows, by id.</summary>
public static class ReproduceRegistry
{
    private const string Lim = "experiments/lim-adaptive-rule/";
    private const string Babu = "experiments/babu-stochastic/";
    private const string Fumarola = "experiments/fumarola-tradeoffs/";

    /// <summary>001's circuit study: a quick run trains 2,000 images for 3 epochs and tests on 1,000.</summary>
    private static readonly string[] FumarolaQuick = ["data.train_count=2000", "data.test_count=1000", "training.epochs=3"];

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
            PaperValues = [.. Series("method b", [0, 1, 2, 3], [95.36, 95.59, 94.80, 93.71]), SwPaper],
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
            PaperValues = [.. Series("method b", [32, 64, 128], [92.96, 94.80, 94.71]), SwPaper],
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
            PaperValues = [.. Series("method b", [1, 2, 5, 10], [94.80, 95.64, 95.70, 80.42]), SwPaper],
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
            PaperValues = [.. Series("SW", [1, 2, 3], [93.83, 96.19, 91.84]), .. Series("HW β = 0", [1, 2, 3], [95.36, 95.85, 94.45])],
            ErrorBars = LimErrorBars,
            XLabel = "number of hidden layers",
            XName = "hidden layers",
        },
        // 003 (Babu & Rajendran 2018) §IV, Fig. 3: stochastic BL-bit updates (BL 2, 10, 50, 100) vs floating point.
        new()
        {
            Id = "babu-fig3",
            Title = "003 Fig. 3: stochastic update, BL = 2…100 vs float (784-256-128-10)",
            Paper = "003 (Babu & Rajendran) §IV, Fig. 3",
            ShortName = "babu-stochastic",
            Sweeps =
            [
                new FigureSweep { File = Babu + "fig3-stochastic.yaml", XKey = "update.bl", SeriesFormat = "stochastic" },
                new FigureSweep { File = Babu + "fig3-float-sweep.yaml", SeriesFormat = "float" },
            ],
            QuickOverrides =
            [
                "data.train_count=2000", "data.test_count=1000", "evaluation.every_examples=1000", "evaluation.fluctuation_window=2",
            ],
            PaperValues = [new("stochastic", 10, 97.48), new("stochastic", 100, 98.07), new("float", double.NaN, 98.04)],
            ErrorBars = "paper: none (test accuracy after 30 epochs); ours: min/max test accuracy over the last 3 evaluation points " +
                        "(every 10,000 training images on the first 2,000 test images, and the final point on all 10,000)",
            XLabel = "bit length BL",
            XAxis = AxisScale.Log,
            XName = "BL",
        },
        // 001 (Fumarola et al. 2016) §IV.B, Fig. 21: test accuracy vs number of neuron activation/error states, tanh and PWL.
        new()
        {
            Id = "fumarola-fig21",
            Title = "001 Fig. 21: test accuracy vs distinct neuron states (528-250-125-10, 5,000 images, 20 epochs)",
            Paper = "001 (Fumarola et al.) §IV.B, Fig. 21",
            ShortName = "fumarola-tradeoffs",
            Sweeps =
            [
                new FigureSweep
                {
                    File = Fumarola + "fig21.yaml", XKey = "network.quantization.activation_states",
                    SeriesKey = "network.hidden_activation.kind", SeriesFormat = "{0}",
                },
            ],
            QuickOverrides = FumarolaQuick,
            PaperValues = [new("tanh", 256, 93.6), new("pwl_tanh", 256, 92.7)],
            ErrorBars = "paper: none; ours: min/max test accuracy over the last 3 epochs",
            XLabel = "neuron activation and error states",
            XAxis = AxisScale.Log,
            XName = "states",
        },
        // 001 (Fumarola et al. 2016) §II, Fig. 10: accuracy vs PCM drift coefficient ν (drift from RESET, occasional RESET /100).
        new()
        {
            Id = "fumarola-fig10",
            Title = "001 Fig. 10: accuracy vs PCM drift ν (528-250-125-10, 5,000 images, 10 epochs)",
            Paper = "001 (Fumarola et al.) §II, Fig. 10",
            ShortName = "fumarola-tradeoffs",
            Sweeps = [new FigureSweep { File = Fumarola + "fig10.yaml", XKey = "device.drift.nu", SeriesFormat = "ideal linear PCM, occasional RESET" }],
            QuickOverrides = FumarolaQuick,
            PaperValues = [],   // the paper states no numbers: "slightly degraded" at ν ≈ 0.005–0.01, "significantly" at 0.1
            ErrorBars = "paper: none; ours: min/max test accuracy over the last 3 epochs",
            XLabel = "drift coefficient ν",
            XName = "ν",
        },
        // 001 (Fumarola et al. 2016) §II, Fig. 11: accuracy vs capacitor RC time constant / time per training example.
        new()
        {
            Id = "fumarola-fig11",
            Title = "001 Fig. 11: accuracy vs RC / time per example (volatile capacitor, 10 epochs)",
            Paper = "001 (Fumarola et al.) §II, Fig. 11",
            ShortName = "fumarola-tradeoffs",
            Sweeps =
            [
                new FigureSweep { File = Fumarola + "fig11.yaml", XKey = "device.decay.rc", SeriesFormat = "volatile (decay to 0)" },
                new FigureSweep { File = Fumarola + "fig11-nonvolatile.yaml", SeriesFormat = "non-volatile (RC = ∞)" },
            ],
            QuickOverrides = FumarolaQuick,
            PaperValues = [],   // the paper states no numbers: "strongly affected" once RC < 10,000 × time per example
            ErrorBars = "paper: none; ours: min/max test accuracy over the last 3 epochs",
            XLabel = "RC time constant / time per training example",
            XAxis = AxisScale.Log,
            XName = "RC/t",
        },
        // 001 (Fumarola et al. 2016) §IV.B, Figs. 19–20: PWL squashing with a two-state derivative, its low value made leaky.
        new()
        {
            Id = "fumarola-fig20",
            Title = "001 Figs. 19–20: PWL activation, test accuracy vs the low value of the two-state derivative",
            Paper = "001 (Fumarola et al.) §IV.B, Figs. 19–20",
            ShortName = "fumarola-tradeoffs",
            Sweeps = [new FigureSweep { File = Fumarola + "fig20.yaml", XKey = "network.derivative.low", SeriesFormat = "PWL, leaky step derivative" }],
            QuickOverrides = FumarolaQuick,
            PaperValues = [new("PWL, leaky step derivative", 0, 92.7)],
            ErrorBars = "paper: none; ours: min/max test accuracy over the last 3 epochs",
            XLabel = "low value of the derivative",
            XName = "low",
        },
    ];

    public static IEnumerable<string> Ids => All.Select(f => f.Id);

    /// <summary>The figure with this id; a <see cref="CrossbarException"/> listing the known ids otherwise.</summary>
    public static ReproduceFigure Find(string id) =>
        All.FirstOrDefault(f => string.Equals(f.Id, id, StringComparison.OrdinalIgnoreCase))
        ?? throw new CrossbarException($"unknown figure '{id}'; known: {string.Join(", ", Ids)} (crossbar reproduce --list)");

    private static FigureSweep MethodSweep(string file, string xKey) => new()
    {
        File = Lim + file,
        XKey = xKey,
        SeriesKey = "update.method",
        SeriesFormat = "method {0}",
    };

    private static PaperValue[] Series(string series, double[] x, double[] accuracy) =>
        [.. x.Select((v, i) => new PaperValue(series, v, accuracy[i]))];
}
