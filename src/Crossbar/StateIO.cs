using System.Runtime.InteropServices;

namespace Crossbar;

/// <summary>Array helpers for <see cref="ICheckpointState"/>: a length, then the raw little-endian values.</summary>
public static class StateIO
{
    public static void WriteArray<T>(BinaryWriter writer, ReadOnlySpan<T> values) where T : unmanaged
    {
        writer.Write(values.Length);
        writer.Write(MemoryMarshal.AsBytes(values));
    }

    /// <summary>Reads an array written by <see cref="WriteArray{T}"/> into <paramref name="destination"/>, which must have its length.</summary>
    public static void ReadArray<T>(BinaryReader reader, Span<T> destination, string what) where T : unmanaged
    {
        int n = reader.ReadInt32();
        if (n != destination.Length)
        {
            throw new InvalidDataException($"{what}: {n} values saved but this network has {destination.Length}");
        }
        var bytes = MemoryMarshal.AsBytes(destination);
        while (!bytes.IsEmpty)
        {
            int got = reader.Read(bytes);
            if (got == 0)
            {
                throw new EndOfStreamException($"{what}: truncated");
            }
            bytes = bytes[got..];
        }
    }

    /// <summary>Reads a value that the configuration fixes and checks it (sizes, flags): a mismatch means another network.</summary>
    public static void Expect(BinaryReader reader, long expected, string what)
    {
        long saved = reader.ReadInt64();
        if (saved != expected)
        {
            throw new InvalidDataException($"{what} is {saved} in the checkpoint but {expected} here");
        }
    }
}
