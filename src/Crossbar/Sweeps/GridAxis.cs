using Crossbar.Config;

namespace Crossbar.Sweeps;

/// <summary>
/// One factor of the grid's cartesian product: a single key with its values, or a zip group of keys whose i-th values
/// go together (row i holds one value per key, in <see cref="Keys"/> order).
/// </summary>
public sealed record GridAxis(IReadOnlyList<string> Keys, IReadOnlyList<IReadOnlyList<ConfigNode>> Rows);
