using System.Buffers.Binary;
using System.Text.Json;
using Crossbar.Modules;

namespace Crossbar.Persistence;

/// <summary>
/// Weights published as raw little-endian float32 plus a JSON manifest ({"tensors": [{"name", "dtype", "shape",
/// "offset_bytes", "nbytes"}]}), named as a PyTorch state_dict ("layer1.0.conv1.weight", "bn1.running_mean"), e.g.
/// <c>../shared/models/resnet20-cifar10</c>. Loads them into a graph whose module names match, checking that every
/// parameter and buffer is given exactly once with the right shape.
/// </summary>
public static class TensorManifest
{
    public sealed record Entry(string Name, int[] Shape, long Offset, long Bytes);

    public static IReadOnlyList<Entry> ReadManifest(string manifestPath)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllText(manifestPath));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new CrossbarException($"{manifestPath}: cannot read the manifest ({e.Message})", e);
        }
        using (doc)
        {
            if (!doc.RootElement.TryGetProperty("tensors", out var tensors) || tensors.ValueKind != JsonValueKind.Array)
            {
                throw new CrossbarException($"{manifestPath}: no 'tensors' array");
            }
            var list = new List<Entry>();
            foreach (var t in tensors.EnumerateArray())
            {
                string name = t.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
                string dtype = t.TryGetProperty("dtype", out var d) ? d.GetString() ?? "" : "";
                if (dtype != "float32")
                {
                    throw new CrossbarException($"{manifestPath}: tensor '{name}' has dtype '{dtype}'; only float32 is read");
                }
                if (!t.TryGetProperty("shape", out var shape) || !t.TryGetProperty("offset_bytes", out var off) || !t.TryGetProperty("nbytes", out var nb))
                {
                    throw new CrossbarException($"{manifestPath}: tensor '{name}' needs shape, offset_bytes and nbytes");
                }
                var dims = shape.EnumerateArray().Select(x => x.GetInt32()).ToArray();
                long count = dims.Aggregate(1L, (a, b) => a * b);
                if (nb.GetInt64() != count * 4)
                {
                    throw new CrossbarException($"{manifestPath}: tensor '{name}' of shape [{string.Join(", ", dims)}] should take {count * 4} bytes, not {nb.GetInt64()}");
                }
                list.Add(new Entry(name, dims, off.GetInt64(), nb.GetInt64()));
            }
            return list;
        }
    }

    /// <summary>Loads <paramref name="binPath"/> as <paramref name="manifestPath"/> describes into the graph.</summary>
    public static void Load(Graph graph, string manifestPath, string binPath)
    {
        var entries = ReadManifest(manifestPath);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(binPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CrossbarException($"{binPath}: cannot read ({e.Message})", e);
        }
        var targets = Targets(graph);
        var seen = new HashSet<string>();
        foreach (var e in entries)
        {
            if (!targets.TryGetValue(e.Name, out var target))
            {
                throw new CrossbarException($"{manifestPath}: tensor '{e.Name}' matches no parameter of the network (it has {string.Join(", ", targets.Keys.Take(6))}, …)");
            }
            if (e.Offset < 0 || e.Offset + e.Bytes > bytes.Length)
            {
                throw new CrossbarException($"{binPath}: tensor '{e.Name}' at bytes {e.Offset}..{e.Offset + e.Bytes} lies beyond the file's {bytes.Length} bytes (truncated?)");
            }
            if (e.Bytes != target.Values.Length * 4L || (target.Dims is { } dims && !dims.SequenceEqual(e.Shape)))
            {
                throw new CrossbarException($"{manifestPath}: tensor '{e.Name}' has shape [{string.Join(", ", e.Shape)}] but the network's is [{string.Join(", ", target.Dims ?? [target.Values.Length])}]");
            }
            var src = bytes.AsSpan((int)e.Offset, (int)e.Bytes);
            for (int i = 0; i < target.Values.Length; i++)
            {
                target.Values[i] = BinaryPrimitives.ReadSingleLittleEndian(src[(i * 4)..]);
            }
            seen.Add(e.Name);
        }
        var missing = targets.Keys.Where(k => !seen.Contains(k)).ToList();
        if (missing.Count > 0)
        {
            throw new CrossbarException($"{manifestPath}: no tensor for {string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? $" and {missing.Count - 5} more" : "")}");
        }
    }

    /// <summary>Every parameter and buffer of the graph by state_dict name.</summary>
    public static Dictionary<string, (float[] Values, int[]? Dims)> Targets(Graph graph)
    {
        var map = new Dictionary<string, (float[], int[]?)>();
        foreach (var node in graph.Nodes)
        {
            foreach (var p in node.Module.Parameters)
            {
                map[$"{node.Name}.{p.Name}"] = (p.Value, p.Dims);
            }
            foreach (var (name, values) in node.Module.Buffers)
            {
                map[$"{node.Name}.{name}"] = (values, null);
            }
        }
        return map;
    }
}
