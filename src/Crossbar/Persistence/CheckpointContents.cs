namespace Crossbar.Persistence;

/// <summary>A checkpoint as read: its header and the sections' bytes by name.</summary>
public sealed class CheckpointContents(string path, CheckpointHeader header, IReadOnlyDictionary<string, byte[]> sections)
{
    public string Path { get; } = path;

    public CheckpointHeader Header { get; } = header;

    public IEnumerable<string> SectionNames => sections.Keys;

    /// <summary>
    /// Hands section <paramref name="name"/> to <paramref name="read"/>, which must consume it exactly; a missing
    /// section or state that does not fit is a <see cref="CrossbarException"/> naming the file and the section.
    /// </summary>
    public void Load(string name, Action<BinaryReader> read)
    {
        if (!sections.TryGetValue(name, out var bytes))
        {
            throw CheckpointFile.Bad(Path, $"section {name} is missing");
        }
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
        try
        {
            read(reader);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or ArgumentOutOfRangeException)
        {
            throw CheckpointFile.Bad(Path, $"section {name} does not fit this network: {e.Message}");
        }
        if (reader.BaseStream.Position != bytes.Length)
        {
            throw CheckpointFile.Bad(Path, $"section {name} does not fit this network: {bytes.Length - reader.BaseStream.Position} bytes left over");
        }
    }
}
