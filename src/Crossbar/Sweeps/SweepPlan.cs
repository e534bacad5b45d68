using System.Text;

namespace Crossbar.Sweeps;

/// <summary>An expanded sweep: every point, in the deterministic order that indexes, shards and results follow.</summary>
public sealed class SweepPlan
{
    public SweepPlan(SweepDefinition definition, IReadOnlyList<SweepPoint> points)
    {
        Definition = definition;
        Points = points;
        var sb = new StringBuilder();
        foreach (var p in points)
        {
            sb.Append(p.Index).Append(' ').Append(p.Id).Append(' ').Append(p.ConfigHash).Append('\n');
        }
        Fingerprint = PointIdentity.HexPrefix(sb.ToString(), 16);
    }

    public SweepDefinition Definition { get; }

    public string Name => Definition.Name;

    public IReadOnlyList<string> Keys => Definition.Keys;

    public IReadOnlyList<SweepPoint> Points { get; }

    /// <summary>Hash of every point's id and configuration: shards of one sweep share it, so merge can tell sweeps apart.</summary>
    public string Fingerprint { get; }

    /// <summary>The points of one shard (index modulo n), in sweep order.</summary>
    public IReadOnlyList<SweepPoint> ForShard(ShardSpec shard) => [.. Points.Where(p => shard.Contains(p.Index))];
}
