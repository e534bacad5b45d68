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
///                "sections": [ { "name": "layer0.weights", "kind": "float32", "rows": R, "cols": C }, ... ] }
///   sections in header order, each: u64 byte length, payload (float32 row-major by input, bias row last)
///   u64      XxHash64 of every byte before it
/// </code>
/// Analog layers add sections of their own kinds (device states) under the same scheme.
/// </summary>
public static class ModelFile
{
    public const ushort MajorVersion = 1;
    public const ushort MinorVersion = 0;
    public const string DefaultName = "model.cbm";
    private static readonly byte[] Magic = [0x89, 0x43, 0x42, 0x4D, 0x0D, 0x0A, 0x1A, 0x0A];

    public static void Save(string path, ExperimentConfig config, Mlp network)
    {
        var sections = new JsonArray();
        var payloads = new List<float[]>();
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var layer = network.Layers[l];
            int rows = layer.Inputs + (layer.HasBias ? 1 : 0);
            var w = new float[rows * layer.Outputs];
            layer.CopyWeights(w);
            sections.Add(new JsonObject { ["name"] = $"layer{l}.weights", ["kind"] = "float32", ["rows"] = rows, ["cols"] = layer.Outputs });
            payloads.Add(w);
        }
        var header = new JsonObject
        {
            ["experiment"] = config.Name,
            ["config"] = ConfigWriter.ToYaml(config),
            ["sections"] = sections,
        };
        byte[] headerBytes = Encoding.UTF8.GetBytes(header.ToJsonString());
        using var ms = new MemoryStream();
        ms.Write(Magic);
        Span<byte> buf = stackalloc byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(buf, MajorVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(buf[2..], MinorVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(buf[4..], (uint)headerBytes.Length);
        ms.Write(buf);
        ms.Write(headerBytes);
        foreach (var p in payloads)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(buf, (ulong)p.Length * 4);
            ms.Write(buf);
            WriteFloats(ms, p);
        }
        ulong hash = XxHash64.HashToUInt64(ms.GetBuffer().AsSpan(0, (int)ms.Length));
        BinaryPrimitives.WriteUInt64LittleEndian(buf, hash);
        ms.Write(buf);
        AtomicFile.WriteAllBytes(path, ms.GetBuffer().AsSpan(0, (int)ms.Length));
    }

    /// <summary>Loads a model; any damage or mismatch is a <see cref="CrossbarException"/> naming the file.</summary>
    public static (ExperimentConfig Config, Mlp Network) Load(string path)
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
        var network = NetworkBuilder.BuildFloat(config.Network, config.Seed);
        var sections = header["sections"] as JsonArray ?? throw Bad(path, "header has no sections");
        if (sections.Count != network.Layers.Count)
        {
            throw Bad(path, $"holds {sections.Count} weight sections but its network has {network.Layers.Count} layers");
        }
        long offset = 16 + headerLength;
        long end = bytes.Length - 8;
        for (int l = 0; l < network.Layers.Count; l++)
        {
            var s = sections[l] ?? throw Bad(path, $"section {l} is empty");
            var layer = network.Layers[l] as DenseLayer ?? throw Bad(path, $"layer {l} is not a float layer");
            int rows = s["rows"]?.GetValue<int>() ?? -1, cols = s["cols"]?.GetValue<int>() ?? -1;
            string kind = s["kind"]?.GetValue<string>() ?? "";
            if (kind != "float32" || rows != layer.Rows || cols != layer.Outputs)
            {
                throw Bad(path, $"section {l} is {rows}×{cols} {kind} but layer {l} of {string.Join('-', config.Network.Layers)} needs {layer.Rows}×{layer.Outputs} float32");
            }
            if (offset + 8 > end)
            {
                throw Bad(path, $"truncated in section {l}");
            }
            ulong length = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan((int)offset));
            offset += 8;
            if (length != (ulong)rows * (ulong)cols * 4 || offset + (long)length > end)
            {
                throw Bad(path, $"section {l} has {length} bytes; expected {(long)rows * cols * 4}");
            }
            MemoryMarshal.Cast<byte, float>(bytes.AsSpan((int)offset, (int)length)).CopyTo(layer.Weights);
            offset += (long)length;
        }
        if (offset != end)
        {
            throw Bad(path, $"{end - offset} unexpected bytes after the last section");
        }
        return (config, network);
    }

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

    private static CrossbarException Bad(string path, string what) => new($"{path}: {what}");

    private static void WriteFloats(Stream s, float[] values) => s.Write(MemoryMarshal.AsBytes(values.AsSpan()));
}
