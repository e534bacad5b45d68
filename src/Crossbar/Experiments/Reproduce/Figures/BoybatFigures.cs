using Crossbar.Plotting;

namespace Crossbar.Experiments.Reproduce.Figures;

/// <summary>000 (Boybat et al., neuron-centric Local Gains; 000_be961920015dd47a.txt): the figures of §II–VI.</summary>
internal static class BoybatFigures
{
    private const string Boybat = "experiments/boybat-local-gains/";

    /// <summary>A quick run trains 1,000 images for 3 epochs and tests on 1,000.</summary>
    private static readonly string[] BoybatQuick = ["data.train_count=1000", "data.test_count=1000", "training.epochs=3"];

    private const string BandBars = "paper: none; ours: min/max test accuracy over the last 3 epochs";

    private const string EtaLabel = "learning rate η";

    public static IReadOnlyList<ReproduceFigure> All { get; } =
    [
        // 000 (Boybat et al.) §II.A–B, Fig. 5 a–f: software network, accuracy vs η for cases #1–#5.
        new()
        {
            Id = "boybat-fig5",
            Title = "000 Fig. 5 a–f: software network, accuracy vs η, cases #1–#5 (5,000 images, 10 epochs)",
            Paper = "000 (Boybat et al.) §II.A–B, Fig. 5",
            ShortName = "boybat-local-gains",
            Sweeps =
            [
                new FigureSweep { File = Boybat + "fig5.yaml", XKey = "training.learning_rate", SeriesKey = "name", SeriesFormat = "{0}" },
                new FigureSweep { File = Boybat + "fig5-high.yaml", XKey = "training.learning_rate", SeriesKey = "name", SeriesFormat = "{0}" },
            ],
            QuickOverrides = BoybatQuick,
            PaperValues = [PaperValue.PeakOf("case-1", 98), PaperValue.PeakOf("case-3", 97.7), PaperValue.PeakOf("case-5", 97.6)],
            ErrorBars = BandBars,
            XLabel = EtaLabel,
            XAxis = AxisScale.Log,
            XName = "η",
            CustomPlot = BoybatPlots.Fig5,
        },
        // 000 (Boybat et al.) §II.B, §IV, §VI, Figs. 7, 16, 20: 2-PCM network, accuracy vs η for cases #3, #4 (Fig. 7) and
        // #5 (Fig. 16), and the same runs' accuracy vs SET and RESET energy for #4 and #5 (Fig. 20).
        new()
        {
            Id = "boybat-fig7-16-20",
            Title = "000 Figs. 7, 16, 20: 2-PCM network, cases #3, #4, #5: accuracy vs η and vs pulse energy (5,000 images, 10 epochs)",
            Paper = "000 (Boybat et al.) §II.B, Fig. 7; §IV, Fig. 16; §VI, Fig. 20",
            ShortName = "boybat-local-gains",
            Sweeps =
            [
                new FigureSweep { File = Boybat + "fig16.yaml", XKey = "training.learning_rate", SeriesKey = "name", SeriesFormat = "{0}" },
                new FigureSweep { File = Boybat + "fig16.yaml", XColumn = "set_energy_joules", SeriesKey = "name", SeriesFormat = "{0}, SET energy" },
                new FigureSweep { File = Boybat + "fig16.yaml", XColumn = "reset_energy_joules", SeriesKey = "name", SeriesFormat = "{0}, RESET energy" },
            ],
            QuickOverrides = BoybatQuick,
            // Fig. 20 states no accuracies: LG reaches > 90 % with > 10× less SET energy, RESET energy unchanged (REPORT.md).
            PaperValues = [PaperValue.PeakOf("case-3", 92), PaperValue.PeakOf("case-4", 92), PaperValue.PeakOf("case-5", 93)],
            ErrorBars = BandBars,
            XLabel = EtaLabel,
            XAxis = AxisScale.Log,
            XName = "η or energy (J)",
            CustomPlot = BoybatPlots.Fig7To16To20,
        },
        // 000 (Boybat et al.) §III.A–C, Figs. 9–12: 2-PCM network, initial / intermediate / final Local Gains, accuracy vs η and gain CDFs.
        new()
        {
            Id = "boybat-fig9-12",
            Title = "000 Figs. 9–12: Local Gains variants on 2-PCM, accuracy vs η and gains after training (5,000 images, 10 epochs)",
            Paper = "000 (Boybat et al.) §III.A–C, Figs. 9, 10, 11, 12",
            ShortName = "boybat-local-gains",
            Sweeps =
            [
                new FigureSweep { File = Boybat + "fig9-12.yaml", XKey = "training.learning_rate", SeriesKey = "update.local_gains.variant", SeriesFormat = "{0}" },
                new FigureSweep { File = Boybat + "fig9-12-low.yaml", XKey = "training.learning_rate", SeriesKey = "update.local_gains.variant", SeriesFormat = "{0}" },
            ],
            QuickOverrides = BoybatQuick,
            PaperValues = [PaperValue.PeakOf("initial", 60)],
            ErrorBars = BandBars,
            XLabel = EtaLabel,
            XAxis = AxisScale.Log,
            XName = "η",
            CustomPlot = BoybatPlots.Fig9To12,
        },
        // 000 (Boybat et al.) §IV, Fig. 15 a–c: 2-PCM with final LG, accuracy vs LGC, maximum and minimum local gain.
        new()
        {
            Id = "boybat-fig15",
            Title = "000 Fig. 15: 2-PCM with Local Gains, accuracy vs LGC, max and min gain (5,000 images, 5 epochs)",
            Paper = "000 (Boybat et al.) §IV, Fig. 15",
            ShortName = "boybat-local-gains",
            Sweeps =
            [
                new FigureSweep { File = Boybat + "fig15-lgc.yaml", XKey = "update.local_gains.lgc", SeriesFormat = "LGC" },
                new FigureSweep { File = Boybat + "fig15-max.yaml", XKey = "update.local_gains.max_gain", SeriesFormat = "maximum local gain" },
                new FigureSweep { File = Boybat + "fig15-min.yaml", XKey = "update.local_gains.min_gain", SeriesFormat = "minimum local gain" },
            ],
            QuickOverrides = BoybatQuick,
            PaperValues = [],   // the paper states no numbers: no dependence unless LGC → 1, max gain little impact, high min gain degrades
            ErrorBars = "paper: each point the mean of 20 simulations; ours: mean of 2 seeds, bars min/max test accuracy over both seeds' last 3 epochs",
            XLabel = "LGC / maximum / minimum local gain",
            XAxis = AxisScale.Log,
            XName = "value",
            CustomPlot = BoybatPlots.Fig15,
        },
        // 000 (Boybat et al.) §V, Fig. 19 a–c: CDFs of the Safety Margin after 10, 200 images, epoch 1 and the last epoch, cases #3–#5.
        new()
        {
            Id = "boybat-fig19",
            Title = "000 Fig. 19: Safety Margin CDFs, 2-PCM cases #3, #4, #5 (60,000 images, 20 epochs)",
            Paper = "000 (Boybat et al.) §V, Fig. 19",
            ShortName = "boybat-local-gains",
            Sweeps = [new FigureSweep { File = Boybat + "fig19.yaml", XKey = "training.learning_rate", SeriesKey = "name", SeriesFormat = "{0}" }],
            QuickOverrides = BoybatQuick,
            PaperValues = [],   // the paper states no numbers: CDFs shift to positive SM with training, most for #5 (LG)
            ErrorBars = BandBars,
            XLabel = EtaLabel,
            XAxis = AxisScale.Log,
            XName = "η",
            CustomPlot = BoybatPlots.Fig19,
        },
    ];
}
