namespace Crossbar.Experiments.Reproduce.Figures;

/// <summary>004 (Sebastian et al., computational memory): Fig. 5b and the drift curve.</summary>
internal static class SebastianFigures
{
    private const string Sebastian = "experiments/sebastian-computational-memory/";

    public static IReadOnlyList<ReproduceFigure> All { get; } =
    [
    ];
}
