using System.Text.Json;
using System.Text.Json.Nodes;

namespace Crossbar.Output;

/// <summary>
/// The <c>summary.json</c> of a run: flat, snake_case keys that scripts and the sweep engine read
/// (test_accuracy as a fraction 0–1, best_test_accuracy, examples_per_second, wall_seconds, ...).
/// </summary>
public sealed class RunSummary
{
    private readonly JsonObject _root = [];

    public object? this[string key]
    {
        set => _root[key] = value is null ? null : JsonSerializer.SerializeToNode(value);
    }

    public double? GetDouble(string key) => _root[key] is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;

    public IEnumerable<string> Keys => _root.Select(kv => kv.Key);

    public string ToJson() => _root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson() + "\n");

    public static RunSummary Load(string path)
    {
        var s = new RunSummary();
        var node = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
            ?? throw new CrossbarException($"{path}: not a JSON object");
        foreach (var (k, v) in node)
        {
            s._root[k] = v?.DeepClone();
        }
        return s;
    }
}
