using System.Text.Json;
using System.Text.Json.Nodes;
using Crossbar.Config;
using Crossbar.Output;

namespace Crossbar.Sweeps;

/// <summary>
/// <c>points/&lt;id&gt;/point.json</c>: written last and atomically when a point's run is complete, so its presence
/// is what "this point is done" means. Holds the assignments (as YAML, re-appliable with --set), the seed, a hash of
/// the full configuration, and the run's summary; results.csv and aggregate.csv are rebuilt from these markers alone.
/// </summary>
public sealed class PointMarker
{
    public const string FileName = "point.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public required string Id { get; init; }

    /// <summary>Index in the sweep when it was written (informational; order comes from the sweep's manifest).</summary>
    public required int Index { get; init; }

    public required string Sweep { get; init; }

    /// <summary>Swept key → value as flow YAML, in grid order.</summary>
    public required IReadOnlyList<(string Key, string Value)> Assignments { get; init; }

    public required ulong Seed { get; init; }

    public required string ConfigHash { get; init; }

    public required JsonObject Summary { get; init; }

    /// <summary>Same for all seeds of one grid combination.</summary>
    public string GroupId => PointIdentity.Hash(Assignments, null);

    public static PointMarker From(SweepPoint point, string sweep, RunSummary summary) => new()
    {
        Id = point.Id,
        Index = point.Index,
        Sweep = sweep,
        Assignments = [.. point.Assignments.Select(a => (a.Key, a.Flow))],
        Seed = point.Seed,
        ConfigHash = point.ConfigHash,
        Summary = JsonNode.Parse(summary.ToJson()) as JsonObject ?? [],
    };

    /// <summary>Numbers of the summary (every numeric entry but the seed, which has its own column), in file order.</summary>
    public IEnumerable<(string Name, double Value)> Metrics()
    {
        foreach (var (k, v) in Summary)
        {
            if (k != "seed" && v is JsonValue jv && jv.GetValueKind() == JsonValueKind.Number && jv.TryGetValue<double>(out double d))
            {
                yield return (k, d);
            }
        }
    }

    /// <summary>An assignment's value in CSV form (<c>784-200-10</c>); "" for a key this point does not set.</summary>
    public string Compact(string key)
    {
        _compact ??= Assignments.ToDictionary(a => a.Key, a => ConfigValueText.Compact(ConfigParser.ParseValue(a.Value, FileName)));
        return _compact.TryGetValue(key, out var v) ? v : "";
    }

    private Dictionary<string, string>? _compact;

    public JsonObject ToJson()
    {
        var assignments = new JsonObject();
        foreach (var (k, v) in Assignments)
        {
            assignments[k] = v;
        }
        return new JsonObject
        {
            ["id"] = Id,
            ["index"] = Index,
            ["sweep"] = Sweep,
            ["assignments"] = assignments,
            ["seed"] = Seed,
            ["config_hash"] = ConfigHash,
            ["summary"] = Summary.DeepClone(),
        };
    }

    /// <summary>The marker without run-time measurements (*_seconds, *_per_second): equal for two runs of one point.</summary>
    public string Identity()
    {
        var json = ToJson();
        var summary = (JsonObject)json["summary"]!;
        foreach (var k in summary.Select(kv => kv.Key).Where(IsTiming).ToList())
        {
            summary.Remove(k);
        }
        return json.ToJsonString();
    }

    public static bool IsTiming(string metric) => metric.EndsWith("_seconds", StringComparison.Ordinal) || metric.EndsWith("_per_second", StringComparison.Ordinal);

    /// <summary>Writes <c>point.json</c> into <paramref name="dir"/> atomically.</summary>
    public void Save(string dir) => AtomicFile.WriteAllText(Path.Combine(dir, FileName), ToJson().ToJsonString(Indented) + "\n");

    public static PointMarker Load(string path)
    {
        try
        {
            var o = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new JsonException("not an object");
            var assignments = o["assignments"] as JsonObject ?? throw new JsonException("no assignments");
            return new PointMarker
            {
                Id = o["id"]!.GetValue<string>(),
                Index = o["index"]!.GetValue<int>(),
                Sweep = o["sweep"]!.GetValue<string>(),
                Assignments = [.. assignments.Select(kv => (kv.Key, kv.Value!.GetValue<string>()))],
                Seed = o["seed"]!.GetValue<ulong>(),
                ConfigHash = o["config_hash"]!.GetValue<string>(),
                Summary = (o["summary"] as JsonObject ?? throw new JsonException("no summary")).DeepClone().AsObject(),
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new CrossbarException($"{path}: not a valid sweep point marker ({e.Message}); delete its folder to re-run the point");
        }
    }
}
