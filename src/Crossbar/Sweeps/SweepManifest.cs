using System.Text.Json;
using System.Text.Json.Nodes;
using Crossbar.Output;

namespace Crossbar.Sweeps;

/// <summary>
/// <c>sweep.json</c> in a sweep's output folder: the whole sweep's point list (every shard writes the same one), its
/// swept keys and fingerprint. Merge uses it to order results and to refuse joining parts of different sweeps.
/// </summary>
public sealed class SweepManifest
{
    public const string FileName = "sweep.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public required string Name { get; init; }

    public required string Source { get; init; }

    public required string Fingerprint { get; init; }

    public required IReadOnlyList<string> Keys { get; init; }

    public required IReadOnlyList<ulong> Seeds { get; init; }

    /// <summary>Point ids in sweep order.</summary>
    public required IReadOnlyList<string> Points { get; init; }

    public static SweepManifest From(SweepPlan plan) => new()
    {
        Name = plan.Name,
        Source = plan.Definition.Source,
        Fingerprint = plan.Fingerprint,
        Keys = plan.Keys,
        Seeds = plan.Definition.Seeds,
        Points = [.. plan.Points.Select(p => p.Id)],
    };

    public void Save(string outDir)
    {
        var o = new JsonObject
        {
            ["sweep"] = Name,
            ["source"] = Source.Replace('\\', '/'),
            ["fingerprint"] = Fingerprint,
            ["keys"] = new JsonArray([.. Keys.Select(k => (JsonNode)k)]),
            ["seeds"] = new JsonArray([.. Seeds.Select(s => (JsonNode)s)]),
            ["points"] = new JsonArray([.. Points.Select(p => (JsonNode)p)]),
        };
        AtomicFile.WriteAllText(Path.Combine(outDir, FileName), o.ToJsonString(Indented) + "\n");
    }

    public static SweepManifest Load(string outDir)
    {
        string path = Path.Combine(outDir, FileName);
        if (!File.Exists(path))
        {
            throw new CrossbarException($"{outDir}: not a sweep output folder (no {FileName})");
        }
        try
        {
            var o = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new JsonException("not an object");
            return new SweepManifest
            {
                Name = o["sweep"]!.GetValue<string>(),
                Source = o["source"]!.GetValue<string>(),
                Fingerprint = o["fingerprint"]!.GetValue<string>(),
                Keys = [.. o["keys"]!.AsArray().Select(k => k!.GetValue<string>())],
                Seeds = [.. o["seeds"]!.AsArray().Select(k => k!.GetValue<ulong>())],
                Points = [.. o["points"]!.AsArray().Select(k => k!.GetValue<string>())],
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new CrossbarException($"{path}: not a valid sweep manifest ({e.Message})");
        }
    }
}
