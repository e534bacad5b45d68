using System.IO.Compression;
using Crossbar.Data;

namespace Crossbar.Tests.Data;

/// <summary>Builds small synthetic IDX files for tests.</summary>
internal static class IdxTestFiles
{
    public static byte[] Images(int count, int rows, int cols, Func<int, int, int, byte> pixel)
    {
        var bytes = new byte[16 + count * rows * cols];
        WriteInt(bytes, 0, IdxFile.ImagesMagic);
        WriteInt(bytes, 4, count);
        WriteInt(bytes, 8, rows);
        WriteInt(bytes, 12, cols);
        int k = 16;
        for (int i = 0; i < count; i++)
        {
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < cols; c++)
                {
                    bytes[k++] = pixel(i, r, c);
                }
            }
        }
        return bytes;
    }

    public static byte[] Labels(IReadOnlyList<byte> labels)
    {
        var bytes = new byte[8 + labels.Count];
        WriteInt(bytes, 0, IdxFile.LabelsMagic);
        WriteInt(bytes, 4, labels.Count);
        for (int i = 0; i < labels.Count; i++)
        {
            bytes[8 + i] = labels[i];
        }
        return bytes;
    }

    public static byte[] Gzip(byte[] raw)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(raw);
        }
        return ms.ToArray();
    }

    /// <summary>Writes the four standard files of a 28×28 dataset into <paramref name="folder"/>.</summary>
    public static void WriteDataset(string folder, int trainCount, int testCount, bool gz = true,
        Func<int, int, int, byte>? pixel = null, Func<int, byte>? label = null)
    {
        Directory.CreateDirectory(folder);
        pixel ??= (i, r, c) => (byte)((i * 31 + r * 7 + c * 3) % 256);
        label ??= i => (byte)(i % 10);
        void Write(string name, byte[] raw) =>
            File.WriteAllBytes(Path.Combine(folder, name + (gz ? ".gz" : "")), gz ? Gzip(raw) : raw);
        Write("train-images-idx3-ubyte", Images(trainCount, 28, 28, pixel));
        Write("train-labels-idx1-ubyte", Labels(Enumerable.Range(0, trainCount).Select(label).ToArray()));
        // Test images differ from training ones so mix-ups show.
        Write("t10k-images-idx3-ubyte", Images(testCount, 28, 28, (i, r, c) => pixel(i + 1000, r, c)));
        Write("t10k-labels-idx1-ubyte", Labels(Enumerable.Range(0, testCount).Select(i => label(i + 1000)).ToArray()));
    }

    private static void WriteInt(byte[] b, int at, int v)
    {
        b[at] = (byte)(v >> 24);
        b[at + 1] = (byte)(v >> 16);
        b[at + 2] = (byte)(v >> 8);
        b[at + 3] = (byte)v;
    }
}

/// <summary>A temporary folder deleted at the end of the test.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Path = Directory.CreateTempSubdirectory("crossbar-data-test-").FullName;

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail a test.
        }
    }
}
