using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crossbar.Config;
using Crossbar.Network;
using Crossbar.Output;

namespace Crossbar.Persistence;

/// <summary>
/// The trained-network file (<c>model.cbm</c>), versioned and checksummed. Layout (little-endian):
/// <code>
///   8 bytes  magic 89 43 42 4D 0D 0A 1A 0A   ("\x89CBM\r\n\x1a\n": catches text-mode and truncation damage)
///   u16      format major version (readers reject a newer major), u16 minor
///   u32      header length H, then H bytes of UTF-8 JSON:
///              { "experiment": name, "config": resolved experiment YAML,
///                "sections": [ { "name": "layer0.weights", "kind": "float32", "rows": R, "cols": C }, ... ],
///                "analog": [ { "layer": 0, "gain": g, ... } ]   (1.1+, only in files of mapped networks) }
///   sections in header order, each: u64 byte length, payload (rows×cols values of the kind, row-major)
///   u64      XxHash64 of every byte before it
/// </code>
/// Kinds: <c>float32</c> (weights, row-major by input, bias row last) and, since 1.1, <c>device_state</c> (float64
/// per-device state of an analog layer, one row per device plane). A 1.0 reader never meets device_state because
/// files of float networks still hold only float32 sections. Since 1.2 a "graph" header key describes a module graph
/// (CNNs; see <see cref="GraphModelFile"/>) whose sections are named by parameter ("layer1.0.conv1.weight").
/// </summary>
public static class ModelFile
{
    public const ushort MajorVersion = 1;
    public const ushort MinorVersion = 2;

    /// <summary>Minor version of files without a graph (MLPs), kept so their bytes do not change.</summary>
    public const ushort MlpMinorVersion = 1;
    public const string DefaultName = "model.cbm";
    private static readonly byte[] Magic = [0x89, 0x43, 0x42, 0x4D, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Saves a float network: one float32 section per layer.</summary>
    public static void Save(string path, ExperimentConfig config, Mlp network)
    {
        var sections = new List<ModelSection>();
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            int rows = layer.Inputs + (layer.HasBias ? 1 : 0);
            var w = new float[rows * layer.Outputs];
            layer.CopyWeights(w);
            sections.Add(ModelSection.OfFloats($"layer{l}.weights", rows, layer.Outputs, w));
        }
        Write(path, config, sections);
    }

    /// <summary>Writes any sections with the config; <paramref name="extra"/> adds header keys (e.g. "analog").</summary>
    public static void Write(string path, ExperimentConfig config, IReadOnlyList<ModelSection> sections, JsonObject? extra = null,
        ushort minor = MlpMinorVersion)
    {
        var list = new JsonArray();
        foreach (var s in sections)
        {
            list.Add(new JsonObject { ["name"] = s.Name, ["kind"] = s.Kind, ["rows"] = s.Rows, ["cols"] = s.Cols });
        }
        var header = new JsonObject
        {
            ["experiment"] = config.Name,
            ["config"] = ConfigWriter.ToYaml(config),
            ["sections"] = list,
        };
        foreach (var (k, v) in extra ?? [])
        {
            header[k] = v?.DeepClone();
        }
        byte[] headerBytes = Encoding.UTF8.GetBytes(header.ToJsonString());
        using var ms = new MemoryStream();
        ms.Write(Magic);
        Span<byte> buf = stackalloc byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(buf, MajorVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(buf[2..], minor);
        BinaryPrimitives.WriteUInt32LittleEndian(buf[4..], (uint)headerBytes.Length);
        ms.Write(buf);
        ms.Write(headerBytes);
        foreach (var s in sections)
        {
            ReadOnlySpan<byte> payload = s.Floats is not null
                ? MemoryMarshal.AsBytes(s.Floats.AsSpan())
                : MemoryMarshal.AsBytes(s.Doubles.AsSpan());
            BinaryPrimitives.WriteUInt64LittleEndian(buf, (ulong)payload.Length);
            ms.Write(buf);
            ms.Write(payload);
        }
        ulong hash = XxHash64.HashToUInt64(ms.GetBuffer().AsSpan(0, (int)ms.Length));
        BinaryPrimitives.WriteUInt64LittleEndian(buf, hash);
        ms.Write(buf);
        AtomicFile.WriteAllBytes(path, ms.GetBuffer().AsSpan(0, (int)ms.Length));
    }

    /// <summary>Loads a float network; any damage or mismatch is a <see cref="CrossbarException"/> naming the file.</summary>
    public static (ExperimentConfig Config, Mlp Network) Load(string path)
    {
        var contents = Read(path);
        var config = contents.Config;
        if (contents.Header["graph"] is not null)
        {
            throw Bad(path, $"holds a graph network (family {ConfigNaming.EnumName(config.Network.Family)}), not a fully connected one; evaluate it with crossbar eval FILE --model {path}");
        }
        if (contents.Header["analog"] is not null)
        {
            throw Bad(path, "holds a network mapped onto analog tiles (device_state sections); load it with MappedNetworkFile, or give the trained float model");
        }
        var network = NetworkBuilder.BuildFloat(config.Network, config.Seed);
        var sections = contents.Sections;
        if (sections.Count != network.Layers.Count)
        {
            throw Bad(path, $"holds {sections.Count} weight sections but its network has {network.Layers.Count} layers");
        }
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var s = sections[l];
            var layer = network.Layers[l] as DenseLayer ?? throw Bad(path, $"layer {l} is not a float layer");
            if (s.Kind != ModelSection.Float32 || s.Rows != layer.Rows || s.Cols != layer.Outputs)
            {
                throw Bad(path, $"section {l} is {s.Rows}×{s.Cols} {s.Kind} but layer {l} of {string.Join('-', config.Network.Layers)} needs {layer.Rows}×{layer.Outputs} float32");
            }
            s.Floats.CopyTo(layer.Weights);
        }
        return (config, network);
    }

    /// <summary>Reads and checks the whole file: magic, version, checksum, header, every section's kind and size.</summary>
    public static ModelContents Read(string path)
    {
        if (!File.Exists(path))
        {
            throw Bad(path, "model file not found");
        }
        byte[] bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw Bad(path, "not a Crossbar model file (bad magic number)");
        }
        if (bytes.Length < 16 + 8)
        {
            throw Bad(path, $"truncated ({bytes.Length} bytes)");
        }
        ushort major = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        if (major != MajorVersion)
        {
            throw Bad(path, $"model format version {major} is not supported; this build reads version {MajorVersion}");
        }
        ulong stored = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(bytes.Length - 8));
        if (XxHash64.HashToUInt64(bytes.AsSpan(0, bytes.Length - 8)) != stored)
        {
            throw Bad(path, "checksum mismatch: the file is truncated or corrupt");
        }
        uint headerLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12));
        if (16L + headerLength > bytes.Length - 8)
        {
            throw Bad(path, "truncated header");
        }
        var header = ParseHeader(path, bytes.AsSpan(16, (int)headerLength));
        string yaml = header["config"]?.GetValue<string>() ?? throw Bad(path, "header has no config");
        ExperimentConfig config;
        try
        {
            config = ExperimentLoader.FromText(yaml, $"{path} (embedded config)");
        }
        catch (ConfigException e)
        {
            throw Bad(path, $"embedded config is invalid for this build: {e.Message}");
        }
        var list = header["sections"] as JsonArray ?? throw Bad(path, "header has no sections");
        var sections = new List<ModelSection>(list.Count);
        long offset = 16 + headerLength;
        long end = bytes.Length - 8;
        for (int l = 0; l < list.Count; l++)
        {
            var s = list[l] ?? throw Bad(path, $"section {l} is empty");
            string name = TryString(s["name"]) ?? $"#{l}";
            string kind = TryString(s["kind"]) ?? "";
            int rows = TryInt(s["rows"]), cols = TryInt(s["cols"]);
            int size = ModelSection.ElementSize(kind);
            if (size == 0)
            {
                throw Bad(path, $"section {name} has unknown kind '{kind}'; this build reads {ModelSection.Float32}, {ModelSection.DeviceState}");
            }
            if (rows < 0 || cols < 0)
            {
                throw Bad(path, $"section {name} has no valid rows/cols");
            }
            if (offset + 8 > end)
            {
                throw Bad(path, $"truncated in section {name}");
            }
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan((int)offset));
            offset += 8;
            ulong expected = (ulong)rows * (ulong)cols * (ulong)size;
            if (length != expected || offset + (long)length > end)
            {
                throw Bad(path, $"section {name} has {length} bytes; expected {expected}");
            }
            var payload = bytes.AsSpan((int)offset, (int)length);
            sections.Add(size == 4
                ? ModelSection.OfFloats(name, rows, cols, MemoryMarshal.Cast<byte, float>(payload).ToArray())
                : ModelSection.OfDeviceState(name, rows, cols, MemoryMarshal.Cast<byte, double>(payload).ToArray()));
            offset += (long)length;
        }
        if (offset != end)
        {
            throw Bad(path, $"{end - offset} unexpected bytes after the last section");
        }
        return new ModelContents(path, config, header, sections);
    }

    private static string? TryString(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int TryInt(JsonNode? n) => n is JsonValue v && v.TryGetValue<int>(out var i) ? i : -1;

    private static JsonObject ParseHeader(string path, ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? throw Bad(path, "header is not a JSON object");
        }
        catch (JsonException e)
        {
            throw Bad(path, $"unreadable header: {e.Message}");
        }
    }

    internal static CrossbarException Bad(string path, string what) => new($"{path}: {what}");
}
