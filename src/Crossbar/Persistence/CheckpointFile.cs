using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Crossbar.Config;
using Crossbar.Output;

namespace Crossbar.Persistence;

/// <summary>
/// A training run's checkpoint (<c>checkpoint.cbc</c> in the run folder), written atomically at every epoch end so a
/// killed run can continue bit for bit. Versioned and checksummed like <see cref="ModelFile"/>; little-endian:
/// <code>
///   8 bytes  magic 89 43 42 43 0D 0A 1A 0A   ("\x89CBC\r\n\x1a\n")
///   u16      format major version (readers reject another major), u16 minor
///   u32      header length H, then H bytes of UTF-8 JSON:
///              { "network": "mlp" | "graph", "config_hash": …, "config": "key = value\n…", "epochs": done,
///                "total_epochs": …, "examples": done, "train_count": …, "test_count": …, "crossbar_version": …,
///                "sections": [ { "name": "layer0", "bytes": n }, … ] }
///   sections in header order, each n bytes written by a component's <see cref="ICheckpointState.SaveState"/>
///   u64      XxHash64 of every byte before it
/// </code>
/// </summary>
public static class CheckpointFile
{
    public const ushort MajorVersion = 1;
    public const ushort MinorVersion = 0;
    public const string DefaultName = "checkpoint.cbc";
    private static readonly byte[] Magic = [0x89, 0x43, 0x42, 0x43, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Writes the header and one section per (name, writer) pair, atomically (temporary file, then rename).</summary>
    public static void Save(string path, CheckpointHeader header, IReadOnlyList<(string Name, Action<BinaryWriter> Write)> sections)
    {
        var payloads = new List<(string Name, byte[] Bytes)>(sections.Count);
        foreach (var (name, write) in sections)
        {
            using var ms = new MemoryStream();
            using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
            {
                write(w);
            }
            payloads.Add((name, ms.ToArray()));
        }
        var list = new JsonArray();
        foreach (var (name, bytes) in payloads)
        {
            list.Add(new JsonObject { ["name"] = name, ["bytes"] = bytes.LongLength });
        }
        var json = new JsonObject
        {
            ["network"] = header.Network,
            ["config_hash"] = header.Config.Hash,
            ["config"] = header.Config.Text,
            ["epochs"] = header.Epochs,
            ["total_epochs"] = header.TotalEpochs,
            ["examples"] = header.Examples,
            ["train_count"] = header.TrainCount,
            ["test_count"] = header.TestCount,
            ["crossbar_version"] = header.CrossbarVersion,
            ["sections"] = list,
        };
        byte[] headerBytes = Encoding.UTF8.GetBytes(json.ToJsonString());
        using var file = new MemoryStream();
        file.Write(Magic);
        Span<byte> buf = stackalloc byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(buf, MajorVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(buf[2..], MinorVersion);
        BinaryPrimitives.WriteUInt32LittleEndian(buf[4..], (uint)headerBytes.Length);
        file.Write(buf);
        file.Write(headerBytes);
        foreach (var (_, bytes) in payloads)
        {
            file.Write(bytes);
        }
        var all = file.GetBuffer().AsSpan(0, (int)file.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(buf, XxHash64.HashToUInt64(all));
        file.Write(buf);
        AtomicFile.WriteAllBytes(path, file.GetBuffer().AsSpan(0, (int)file.Length));
    }

    /// <summary>Reads and checks a checkpoint (magic, version, checksum, header, section sizes); damage is a <see cref="CrossbarException"/> naming the file.</summary>
    public static CheckpointContents Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Bad(path, $"cannot read the checkpoint ({e.Message})");
        }
        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw Bad(path, "not a Crossbar checkpoint (bad magic number)");
        }
        if (bytes.Length < 16 + 8)
        {
            throw Bad(path, $"truncated ({bytes.Length} bytes)");
        }
        ushort major = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        if (major != MajorVersion)
        {
            throw Bad(path, $"checkpoint format version {major} is not supported; this build reads version {MajorVersion}");
        }
        ulong stored = BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(bytes.Length - 8));
        if (XxHash64.HashToUInt64(bytes.AsSpan(0, bytes.Length - 8)) != stored)
        {
            throw Bad(path, "checksum mismatch: the checkpoint is truncated or corrupt; delete it to start the run again");
        }
        uint headerLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12));
        if (16L + headerLength > bytes.Length - 8)
        {
            throw Bad(path, "truncated header");
        }
        JsonObject json;
        try
        {
            json = JsonNode.Parse(bytes.AsSpan(16, (int)headerLength)) as JsonObject ?? throw Bad(path, "header is not a JSON object");
        }
        catch (JsonException e)
        {
            throw Bad(path, $"unreadable header: {e.Message}");
        }
        CheckpointHeader header;
        JsonArray list;
        try
        {
            header = new CheckpointHeader(
                Get<string>(json, "network"), ConfigFingerprint.FromText(Get<string>(json, "config")), Get<int>(json, "epochs"),
                Get<int>(json, "total_epochs"), Get<long>(json, "examples"), Get<int>(json, "train_count"), Get<int>(json, "test_count"),
                Get<string>(json, "crossbar_version"));
            list = json["sections"] as JsonArray ?? throw new KeyNotFoundException("sections");
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw Bad(path, $"header lacks a valid '{e.Message}'");
        }
        var sections = new Dictionary<string, byte[]>();
        long offset = 16 + headerLength, end = bytes.Length - 8;
        foreach (var s in list)
        {
            string name = s is JsonObject o && o["name"] is JsonValue n && n.TryGetValue<string>(out var text) ? text : throw Bad(path, "a section has no name");
            long length = s["bytes"] is JsonValue b && b.TryGetValue<long>(out long l) ? l : -1;
            if (length < 0 || offset + length > end)
            {
                throw Bad(path, $"section {name} has no valid length");
            }
            sections[name] = bytes.AsSpan((int)offset, (int)length).ToArray();
            offset += length;
        }
        if (offset != end)
        {
            throw Bad(path, $"{end - offset} unexpected bytes after the last section");
        }
        return new CheckpointContents(path, header, sections);
    }

    private static T Get<T>(JsonObject json, string key) =>
        json[key] is JsonValue v && v.TryGetValue<T>(out var value) ? value : throw new KeyNotFoundException(key);

    internal static CrossbarException Bad(string path, string what) => new($"{path}: {what}");
}
