using Crossbar.Config;

namespace Crossbar.Sweeps;

/// <summary>One run of a sweep: a combination of grid values and a seed, with its fully bound configuration.</summary>
public sealed class SweepPoint
{
    public SweepPoint(int index, IReadOnlyList<SweepAssignment> assignments, ulong seed, ConfigMap tree, ExperimentConfig config)
    {
        Index = index;
        Assignments = assignments;
        Seed = seed;
        Tree = tree;
        Config = config;
        Hash = PointIdentity.Hash(assignments, seed);
        Id = $"{PointIdentity.Slug(assignments, seed)}-{Hash}";
        GroupId = PointIdentity.Hash(assignments, null);
        ConfigHash = PointIdentity.HexPrefix(ConfigWriter.ToYaml(config), 16);
    }

    /// <summary>Position in the sweep's deterministic order (grid product, then seeds); shards split on it.</summary>
    public int Index { get; }

    /// <summary>The swept keys' values, in the order the grid lists the keys.</summary>
    public IReadOnlyList<SweepAssignment> Assignments { get; }

    public ulong Seed { get; }

    /// <summary>Folder name under <c>points/</c>: readable slug plus <see cref="Hash"/>.</summary>
    public string Id { get; }

    public string Hash { get; }

    /// <summary>Same for every seed of one grid combination; <c>aggregate.csv</c> groups on it.</summary>
    public string GroupId { get; }

    /// <summary>The configuration tree (base, experiment, --set, assignments, seed) before binding.</summary>
    public ConfigMap Tree { get; }

    public ExperimentConfig Config { get; }

    /// <summary>Hash of the whole resolved configuration; a marker with another hash was made by a different experiment.</summary>
    public string ConfigHash { get; }

    public override string ToString() => Id;
}
