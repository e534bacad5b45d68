using System.Globalization;
using Crossbar.Config;

namespace Crossbar.Sweeps;

/// <summary>
/// Reads sweep files, as strictly as experiment files: unknown keys, bad values and grid keys that are not experiment
/// keys are <see cref="ConfigException"/>s naming the file, line and key. Format:
/// <code>
/// name: baseline-lr                      # default: the file name
/// base: ../baseline/mnist-784-200-10.yaml  # relative to this file
/// experiment: {data: {train_count: 5000}}  # merged over base (either or both)
/// grid:
///   training.learning_rate: {log_range: [1e-4, 1e-1], points: 7}
///   network.layers: [[784, 200, 10], [784, 300, 100, 10]]
/// zip: [[a.key, b.key]]                  # keys that vary together
/// repeats: 2                             # seeds base, base+1; or seeds: [1, 7]
/// output: runs/sweeps/baseline-lr        # default runs/sweeps/&lt;name&gt;
/// parallel: 2                            # default: number of cores
/// </code>
/// </summary>
public static class SweepFile
{
    private static readonly string[] TopKeys =
        ["name", "description", "base", "experiment", "grid", "zip", "repeats", "seeds", "output", "parallel"];

    /// <summary>Reads and validates a sweep file; <paramref name="overrides"/> (<c>--set</c>) apply to its base experiment.</summary>
    public static SweepPlan Load(string path, IEnumerable<string>? overrides = null) => Read(path, overrides).Expand();

    /// <summary>Reads a sweep file without expanding it.</summary>
    public static SweepDefinition Read(string path, IEnumerable<string>? overrides = null)
    {
        var map = ConfigParser.ParseFile(path);
        return FromTree(map, path, Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileNameWithoutExtension(path), overrides);
    }

    public static SweepDefinition Parse(string yaml, string source, string baseDirectory, IEnumerable<string>? overrides = null) =>
        FromTree(ConfigParser.ParseText(yaml, source), source, baseDirectory, Path.GetFileNameWithoutExtension(source), overrides);

    private static SweepDefinition FromTree(ConfigMap map, string source, string baseDirectory, string defaultName,
                                            IEnumerable<string>? overrides)
    {
        foreach (var (key, value) in map.Entries)
        {
            if (!TopKeys.Contains(key))
            {
                string near = ConfigBinder.Nearest(key, TopKeys);
                throw new ConfigException(value.Where, key,
                    $"unknown sweep key{(near.Length > 0 ? $" (did you mean '{near}'?)" : "")}; allowed keys: {string.Join(", ", TopKeys)}");
            }
        }
        var baseTree = BaseExperiment(map, source, baseDirectory);
        foreach (var o in overrides ?? [])
        {
            ConfigOverrides.Apply(baseTree, o);
        }
        var (keys, axes) = Grid(map, source);
        var seeds = Seeds(map, baseTree);
        string name = Text(map, "name") ?? defaultName;
        if (name.Length == 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name is "." or "..")
        {
            throw new ConfigException(map.TryGet("name", out var n) ? n.Where : source, "name", "must be usable as a folder name");
        }
        return new SweepDefinition
        {
            Name = name,
            Description = Text(map, "description") ?? "",
            Source = source,
            BaseTree = baseTree,
            Keys = keys,
            Axes = axes,
            Seeds = seeds,
            Output = Text(map, "output"),
            Parallel = map.TryGet("parallel", out var par) ? (int)Whole(par, "parallel", 1, 4096) : null,
        };
    }

    private static ConfigMap BaseExperiment(ConfigMap map, string source, string baseDirectory)
    {
        ConfigMap tree;
        bool hasBase = map.TryGet("base", out var baseNode);
        if (hasBase)
        {
            if (baseNode is not ConfigScalar { Value: { Length: > 0 } rel })
            {
                throw new ConfigException(baseNode.Where, "base", "must be the path of an experiment file, relative to this sweep file");
            }
            string path = Path.GetFullPath(Path.Combine(baseDirectory, rel));
            if (!File.Exists(path))
            {
                throw new ConfigException(baseNode.Where, "base", $"experiment file not found: {path}");
            }
            tree = ConfigParser.ParseFile(Path.GetRelativePath(Environment.CurrentDirectory, path));
        }
        else
        {
            tree = new ConfigMap(source, 0);
        }
        if (map.TryGet("experiment", out var inline))
        {
            if (inline is not ConfigMap inlineMap)
            {
                throw new ConfigException(inline.Where, "experiment", "must be a mapping of experiment sections (data:, network:, training:, ...)");
            }
            ConfigTreeEdit.Merge(tree, inlineMap);
        }
        else if (!hasBase)
        {
            throw new ConfigException(source, "base", "missing; a sweep needs base: (an experiment file) and/or experiment: (inline settings)");
        }
        return tree;
    }

    private static (List<string> Keys, List<GridAxis> Axes) Grid(ConfigMap map, string source)
    {
        var keys = new List<string>();
        var values = new Dictionary<string, IReadOnlyList<ConfigNode>>();
        var where = new Dictionary<string, ConfigNode>();
        if (map.TryGet("grid", out var gridNode))
        {
            if (gridNode is not ConfigMap grid)
            {
                throw new ConfigException(gridNode.Where, "grid", "must be a mapping of dotted experiment keys to lists of values or generators");
            }
            foreach (var (key, node) in grid.Entries)
            {
                if (key.Split('.').Any(p => p.Length == 0))
                {
                    throw new ConfigException(node.Where, $"grid.{key}", "is not a valid key path (use section.key, e.g. training.learning_rate)");
                }
                if (key == "seed")
                {
                    throw new ConfigException(node.Where, "grid.seed", "vary seeds with repeats: N or seeds: [...], not in the grid");
                }
                if (keys.Any(k => key.StartsWith(k + ".", StringComparison.Ordinal) || k.StartsWith(key + ".", StringComparison.Ordinal)))
                {
                    throw new ConfigException(node.Where, $"grid.{key}", "overlaps another grid key (one is inside the other)");
                }
                keys.Add(key);
                values[key] = GridValues.Expand(key, node);
                where[key] = node;
            }
        }
        var zipped = new Dictionary<string, List<string>>();
        if (map.TryGet("zip", out var zipNode))
        {
            if (zipNode is not ConfigList groups)
            {
                throw new ConfigException(zipNode.Where, "zip", "must be a list of key groups, e.g. [[update.method, name]]");
            }
            foreach (var g in groups.Items)
            {
                if (g is not ConfigList { Items.Count: >= 2 } members || members.Items.Any(m => m is not ConfigScalar { Value: not null }))
                {
                    throw new ConfigException(g.Where, "zip", "each group must be a list of two or more grid keys, e.g. [update.method, name]");
                }
                var group = members.Items.Select(m => ((ConfigScalar)m).Value!).ToList();
                foreach (var k in group)
                {
                    if (!values.ContainsKey(k))
                    {
                        throw new ConfigException(g.Where, "zip", $"'{k}' is not a grid key; zip groups name keys listed under grid:");
                    }
                    if (zipped.ContainsKey(k) || group.Count(x => x == k) > 1)
                    {
                        throw new ConfigException(g.Where, "zip", $"'{k}' appears in more than one place; a key belongs to at most one zip group");
                    }
                    zipped[k] = group;
                }
                int n = values[group[0]].Count;
                foreach (var k in group.Skip(1).Where(k => values[k].Count != n))
                {
                    throw new ConfigException(where[k].Where, $"grid.{k}",
                        $"has {values[k].Count} values but its zip partner {group[0]} has {n}; zipped keys need the same number");
                }
            }
        }
        var axes = new List<GridAxis>();
        var done = new HashSet<string>();
        foreach (var key in keys.Where(done.Add))
        {
            if (zipped.TryGetValue(key, out var group))
            {
                // Keys of the group in grid order; the group takes the place of its first key in the product.
                var members = keys.Where(group.Contains).ToList();
                done.UnionWith(members);
                var rows = Enumerable.Range(0, values[key].Count)
                    .Select(i => (IReadOnlyList<ConfigNode>)[.. members.Select(m => values[m][i])]).ToList();
                axes.Add(new GridAxis(members, rows));
            }
            else
            {
                axes.Add(new GridAxis([key], [.. values[key].Select(v => (IReadOnlyList<ConfigNode>)[v])]));
            }
        }
        return (keys, axes);
    }

    private static List<ulong> Seeds(ConfigMap map, ConfigMap baseTree)
    {
        bool hasRepeats = map.TryGet("repeats", out var rep);
        bool hasSeeds = map.TryGet("seeds", out var seedsNode);
        if (hasRepeats && hasSeeds)
        {
            throw new ConfigException(seedsNode.Where, "seeds", "give either repeats: or seeds:, not both");
        }
        if (hasSeeds)
        {
            if (seedsNode is not ConfigList { Items.Count: > 0 } list)
            {
                throw new ConfigException(seedsNode.Where, "seeds", "must be a non-empty list of whole numbers, e.g. [1, 2, 3]");
            }
            var seeds = list.Items.Select((s, i) => (ulong)Whole(s, $"seeds[{i}]", 0, ulong.MaxValue)).ToList();
            if (seeds.Distinct().Count() != seeds.Count)
            {
                throw new ConfigException(seedsNode.Where, "seeds", "lists a seed twice");
            }
            return seeds;
        }
        int repeats = hasRepeats ? (int)Whole(rep, "repeats", 1, 100_000) : 1;
        // Repeat r runs with the experiment's seed + r, so repeat 0 is exactly the base experiment.
        ulong baseSeed = ConfigBinder.Bind<ExperimentConfig>(baseTree).Seed;
        return [.. Enumerable.Range(0, repeats).Select(r => unchecked(baseSeed + (ulong)r))];
    }

    private static string? Text(ConfigMap map, string key)
    {
        if (!map.TryGet(key, out var node))
        {
            return null;
        }
        return node is ConfigScalar { Value: { Length: > 0 } s } ? s : throw new ConfigException(node.Where, key, "must be non-empty text");
    }

    private static decimal Whole(ConfigNode node, string key, decimal min, decimal max)
    {
        if (node is ConfigScalar { Value: { } s }
            && decimal.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var d) && d >= min && d <= max)
        {
            return d;
        }
        throw new ConfigException(node.Where, key, $"must be a whole number >= {min}{(max < 1e9m ? $" and <= {max}" : "")}");
    }
}
