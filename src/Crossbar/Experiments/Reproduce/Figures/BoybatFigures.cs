namespace Crossbar.Experiments.Reproduce.Figures;

/// <summary>000 (Boybat et al., neuron-centric Local Gains): the figures of §IV–V.</summary>
internal static class BoybatFigures
{
    private const string Boybat = "experiments/boybat-local-gains/";

    public static IReadOnlyList<ReproduceFigure> All { get; } =
    [
    ];
}
