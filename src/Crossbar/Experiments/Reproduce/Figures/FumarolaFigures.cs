using System.Globalization;
using Crossbar.Plotting;

namespace Crossbar.Experiments.Reproduce.Figures;

/// <summary>001 (Fumarola et al. 2016, device and circuit tradeoffs): the figures of §II and §IV.</summary>
internal static class FumarolaFigures
{
    private const string Fumarola = "experiments/fumarola-tradeoffs/";

    /// <summary>001's circuit study: a quick run trains 2,000 images for 3 epochs and tests on 1,000.</summary>
    private static readonly string[] FumarolaQuick = ["data.train_count=2000", "data.test_count=1000", "training.epochs=3"];

    /// <summary>update.eta_set of fig15.yaml (pcmo-base.yaml): fig15's x is η_SET / η_RESET.</summary>
    private const double EtaSet = 10;

    /// <summary>Where fig12's non-volatile device (device.decay.rc = 0, RC = ∞) is drawn on its log axis.</summary>
    private const double NonVolatileX = 1e7;

    private static double NonVolatileAtRight(string rc) => double.Parse(rc, CultureInfo.InvariantCulture) is var v && v == 0 ? NonVolatileX : v;

    public static IReadOnlyList<ReproduceFigure> All { get; } =
    [
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
        // 001 (Fumarola et al. 2016) §II, Fig. 12: accuracy vs capacitor RC / time per example for several global learning rates.
        new()
        {
            Id = "fumarola-fig12",
            Title = "001 Fig. 12: accuracy vs RC / time per example and learning rate η (10⁷ = non-volatile)",
            Paper = "001 (Fumarola et al.) §II, Fig. 12",
            ShortName = "fumarola-tradeoffs",
            Sweeps =
            [
                new FigureSweep
                {
                    File = Fumarola + "fig12.yaml", XKey = "device.decay.rc", SeriesKey = "training.learning_rate", SeriesFormat = "η = {0}",
                    ParseX = NonVolatileAtRight,
                },
            ],
            QuickOverrides = ["data.train_count=1000", "data.test_count=500", "training.epochs=2"],   // 25 runs: smaller than FumarolaQuick
            PaperValues = [],   // no numbers: the η best for RC = ∞ is "decidedly sub-optimal" at lower RC, where larger or lower η do better
            ErrorBars = "paper: none; ours: min/max test accuracy over the last 3 epochs",
            XLabel = "RC time constant / time per training example (10⁷: non-volatile, RC = ∞)",
            XAxis = AxisScale.Log,
            XName = "RC/t",
        },
        // 001 (Fumarola et al. 2016) §III, Figs. 13–15: PCMO-like bidirectional device, accuracy vs η_SET/η_RESET.
        new()
        {
            Id = "fumarola-fig15",
            Title = "001 Fig. 15: PCMO-like device, test accuracy vs η_SET / η_RESET (5,000 images, 10 epochs)",
            Paper = "001 (Fumarola et al.) §III, Figs. 13–15",
            ShortName = "fumarola-tradeoffs",
            Sweeps =
            [
                new FigureSweep
                {
                    File = Fumarola + "fig15.yaml", XKey = "update.eta_reset", SeriesFormat = "PCMO-like jump table",
                    ParseX = etaReset => Math.Round(EtaSet / double.Parse(etaReset, CultureInfo.InvariantCulture), 3),
                },
            ],
            QuickOverrides = FumarolaQuick,
            PaperValues = [],   // no numbers: accuracy improves with η_SET/η_RESET, optimum "approximately 3–4"
            ErrorBars = "paper: none; ours: min/max test accuracy over the last 3 epochs",
            XLabel = "η_SET / η_RESET",
            XAxis = AxisScale.Log,
            XName = "η_SET/η_RESET",
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
}
