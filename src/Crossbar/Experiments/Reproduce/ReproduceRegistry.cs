using Crossbar.Experiments.Reproduce.Figures;

namespace Crossbar.Experiments.Reproduce;

/// <summary>Every figure <c>crossbar reproduce</c> knows, by id, in paper order (one file of figures per paper under <c>Figures/</c>).</summary>
public static class ReproduceRegistry
{
    public static IReadOnlyList<ReproduceFigure> All { get; } =
        [.. BoybatFigures.All, .. FumarolaFigures.All, .. LimFigures.All, .. BabuFigures.All, .. SebastianFigures.All];

    public static IEnumerable<string> Ids => All.Select(f => f.Id);

    /// <summary>The figure with this id; a <see cref="CrossbarException"/> listing the known ids otherwise.</summary>
    public static ReproduceFigure Find(string id) =>
        All.FirstOrDefault(f => string.Equals(f.Id, id, StringComparison.OrdinalIgnoreCase))
        ?? throw new CrossbarException($"unknown figure '{id}'; known: {string.Join(", ", Ids)} (crossbar reproduce --list)");
}
