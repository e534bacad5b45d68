using Crossbar.Config;

namespace Crossbar.Sweeps;

/// <summary>
/// A sweep before expansion: the base experiment tree, the grid axes and the seeds. Usually read from a sweep file by
/// <see cref="SweepFile"/>; commands such as <c>crossbar reproduce</c> may also build one in code.
/// </summary>
public sealed class SweepDefinition
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    /// <summary>The sweep file (or a label such as "reproduce lim-fig8"), named in errors and in <c>sweep.json</c>.</summary>
    public required string Source { get; init; }

    /// <summary>Base experiment with the inline experiment and --set overrides already applied.</summary>
    public required ConfigMap BaseTree { get; init; }

    /// <summary>Every swept key, in the order of the grid (the column order of results.csv).</summary>
    public required IReadOnlyList<string> Keys { get; init; }

    /// <summary>Factors of the cartesian product; the first varies slowest.</summary>
    public required IReadOnlyList<GridAxis> Axes { get; init; }

    /// <summary>Each grid combination runs once per seed, in this order.</summary>
    public required IReadOnlyList<ulong> Seeds { get; init; }

    /// <summary>Output folder from the file; null = runs/sweeps/&lt;name&gt;.</summary>
    public string? Output { get; init; }

    /// <summary>Points run at once from the file; null = number of cores.</summary>
    public int? Parallel { get; init; }

    public string DefaultOutputDir => Output ?? Path.Combine("runs", "sweeps", Name);

    /// <summary>
    /// Expands the grid into points (product of the axes in order, seeds innermost) and binds every point's config,
    /// so that a bad key or value anywhere fails here, before anything runs.
    /// </summary>
    public SweepPlan Expand()
    {
        var points = new List<SweepPoint>();
        var byId = new Dictionary<string, SweepPoint>();
        int axes = Axes.Count;
        var choice = new int[axes];
        long total = Axes.Aggregate(1L, (n, a) => n * a.Rows.Count) * Seeds.Count;
        if (total > 1_000_000)
        {
            throw new ConfigException(Source, "grid", $"expands to {total:N0} points; split it into smaller sweeps");
        }
        while (true)
        {
            var values = new Dictionary<string, ConfigNode>();
            for (int a = 0; a < axes; a++)
            {
                var row = Axes[a].Rows[choice[a]];
                for (int k = 0; k < Axes[a].Keys.Count; k++)
                {
                    values[Axes[a].Keys[k]] = row[k];
                }
            }
            var assignments = Keys.Select(k => new SweepAssignment(k, values[k])).ToList();
            foreach (ulong seed in Seeds)
            {
                var point = Bind(points.Count, assignments, seed);
                if (byId.TryGetValue(point.Id, out var twin))
                {
                    throw new ConfigException(Source, "grid",
                        $"points #{twin.Index} and #{point.Index} are the same ({point.Id}); a list repeats a value");
                }
                byId[point.Id] = point;
                points.Add(point);
            }
            // Odometer: the last axis varies fastest.
            int i = axes - 1;
            while (i >= 0 && ++choice[i] == Axes[i].Rows.Count)
            {
                choice[i--] = 0;
            }
            if (i < 0)
            {
                break;
            }
        }
        return new SweepPlan(this, points);
    }

    private SweepPoint Bind(int index, IReadOnlyList<SweepAssignment> assignments, ulong seed)
    {
        var tree = (ConfigMap)BaseTree.Clone();
        foreach (var a in assignments)
        {
            ConfigTreeEdit.Set(tree, a.Key, a.Value, a.Value);
        }
        tree.Set("seed", new ConfigScalar(Source, 0, seed.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        ExperimentConfig config;
        try
        {
            config = ConfigBinder.Bind<ExperimentConfig>(tree);
        }
        catch (ConfigException e) when (Culprit(assignments, e.Key) is { } a)
        {
            // Name the grid key as written in the sweep file, and the part of it that is wrong when that is narrower.
            throw new ConfigException(e.Source, $"grid.{a.Key}", e.Key == a.Key ? e.Problem : $"{e.Key}: {e.Problem}");
        }
        return new SweepPoint(index, assignments, seed, tree, config);
    }

    /// <summary>The assignment a binding error is about: the same key, a section above it, or a part of its value.</summary>
    private static SweepAssignment? Culprit(IReadOnlyList<SweepAssignment> assignments, string errorKey) =>
        assignments.FirstOrDefault(a => errorKey == a.Key
            || a.Key.StartsWith(errorKey + ".", StringComparison.Ordinal)
            || errorKey.StartsWith(a.Key + ".", StringComparison.Ordinal)
            || errorKey.StartsWith(a.Key + "[", StringComparison.Ordinal));
}
