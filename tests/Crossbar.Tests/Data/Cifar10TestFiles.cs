using System.Formats.Tar;
using System.IO.Compression;
using Crossbar.Data;

namespace Crossbar.Tests.Data;

/// <summary>Builds small synthetic CIFAR-10 batches and tarballs for tests.</summary>
internal static class Cifar10TestFiles
{
    /// <summary>The value of pixel (c, y, x) of record i in <see cref="Batch"/>'s default pattern.</summary>
    public static byte Pixel(int i, int c, int y, int x) => (byte)((i * 37 + c * 101 + y * 7 + x * 3) % 256);

    public static byte[] Batch(int count, int first = 0, Func<int, byte>? label = null, Func<int, int, int, int, byte>? pixel = null)
    {
        label ??= i => (byte)(i % 10);
        pixel ??= Pixel;
        var bytes = new byte[count * Cifar10Reader.RecordSize];
        for (int r = 0; r < count; r++)
        {
            int i = first + r, at = r * Cifar10Reader.RecordSize;
            bytes[at++] = label(i);
            for (int c = 0; c < 3; c++)
            {
                for (int y = 0; y < 32; y++)
                {
                    for (int x = 0; x < 32; x++)
                    {
                        bytes[at++] = pixel(i, c, y, x);
                    }
                }
            }
        }
        return bytes;
    }

    /// <summary>The six standard files, <paramref name="perBatch"/> records each, numbered on across the training batches.</summary>
    public static Dictionary<string, byte[]> Batches(int perBatch)
    {
        var files = new Dictionary<string, byte[]>();
        for (int k = 0; k < 5; k++)
        {
            files[Cifar10Files.TrainNames[k]] = Batch(perBatch, k * perBatch);
        }
        files[Cifar10Files.TestName] = Batch(perBatch, 1000);
        return files;
    }

    public static string WriteFolder(string folder, int perBatch)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, bytes) in Batches(perBatch))
        {
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }
        return folder;
    }

    /// <summary>A .tar.gz holding the files under cifar-10-batches-bin/, plus a readme as in the official one.</summary>
    public static byte[] Tarball(IReadOnlyDictionary<string, byte[]> files)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gz, TarEntryFormat.Ustar, leaveOpen: true))
        {
            tar.WriteEntry(new UstarTarEntry(TarEntryType.Directory, "cifar-10-batches-bin/"));
            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "cifar-10-batches-bin/readme.html")
            {
                DataStream = new MemoryStream("<html/>"u8.ToArray()),
            });
            foreach (var (name, bytes) in files)
            {
                tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "cifar-10-batches-bin/" + name) { DataStream = new MemoryStream(bytes) });
            }
        }
        return ms.ToArray();
    }
}
