using System.Globalization;

namespace Crossbar.Data;

/// <summary>
/// Reads CIFAR-10 binary batches: records of 3,073 bytes, a label byte (0..9) then the 1,024 red, 1,024 green and
/// 1,024 blue bytes of a 32×32 image, rows in order — already the planar layout of <see cref="ImageSet"/>. Every
/// problem (missing, empty, a size that is not whole records, a label above 9) is a one-line
/// <see cref="CrossbarException"/> that starts with the path. The md5 is not checked here (it would double the load
/// time); like MNIST, <c>crossbar data</c> and the downloader compare it with <see cref="KnownChecksums"/>.
/// </summary>
public static class Cifar10Reader
{
    public const int Channels = 3;
    public const int Side = 32;
    public const int Classes = 10;
    public const int PixelsPerImage = Channels * Side * Side;
    public const int RecordSize = 1 + PixelsPerImage;

    /// <summary>Images per standard batch file.</summary>
    public const int ImagesPerBatch = 10_000;

    /// <summary>Reads batch files in order into one set; <paramref name="maxImages"/> stops early (null = all).</summary>
    public static ImageSet Read(string name, IReadOnlyList<string> paths, int? maxImages = null)
    {
        var bytes = new byte[paths.Count][];
        // The files are independent: reading them concurrently overlaps the I/O with the copying.
        try
        {
            Parallel.For(0, paths.Count, k => bytes[k] = ReadBytes(paths[k]));
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is CrossbarException) is { } first)
        {
            throw first;
        }
        long total = 0;
        for (int k = 0; k < paths.Count; k++)
        {
            total += CountRecords(bytes[k], paths[k]);
        }
        int count = (int)Math.Min(total, maxImages ?? total);
        var pixels = new byte[(long)count * PixelsPerImage];
        var labels = new byte[count];
        int at = 0;
        for (int k = 0; k < paths.Count && at < count; k++)
        {
            at += Unpack(bytes[k], paths[k], pixels, labels, at, count - at);
        }
        return new ImageSet(name, pixels, labels, Channels, Side, Side, Classes);
    }

    /// <summary>Parses one batch held in memory; <paramref name="source"/> names it in errors.</summary>
    public static ImageSet Parse(byte[] bytes, string source)
    {
        int count = CountRecords(bytes, source);
        var pixels = new byte[(long)count * PixelsPerImage];
        var labels = new byte[count];
        Unpack(bytes, source, pixels, labels, 0, count);
        return new ImageSet(source, pixels, labels, Channels, Side, Side, Classes);
    }

    /// <summary>The number of records in a batch of this many bytes, or a one-line error naming the file.</summary>
    public static int CountRecords(ReadOnlySpan<byte> bytes, string source)
    {
        if (bytes.Length == 0)
        {
            throw new CrossbarException($"{source}: empty file; a CIFAR-10 batch holds records of {RecordSize:N0} bytes (label + 3×32×32 pixels)");
        }
        if (bytes.Length % RecordSize != 0)
        {
            throw new CrossbarException(
                $"{source}: truncated or not a CIFAR-10 batch: {N(bytes.Length)} bytes is not a whole number of {N(RecordSize)}-byte records "
                + $"({N(bytes.Length / RecordSize)} records and {N(bytes.Length % RecordSize)} bytes over)");
        }
        return bytes.Length / RecordSize;
    }

    /// <summary>Checks a batch held in memory (whole records, labels 0..9) and returns its record count.</summary>
    public static int Validate(ReadOnlySpan<byte> bytes, string source)
    {
        int records = CountRecords(bytes, source);
        for (int r = 0; r < records; r++)
        {
            CheckLabel(bytes[r * RecordSize], r, source);
        }
        return records;
    }

    /// <summary>Reads a batch file from disk and checks it like <see cref="Validate"/>; returns its bytes.</summary>
    public static byte[] ReadValidated(string path)
    {
        var bytes = ReadBytes(path);
        Validate(bytes, path);
        return bytes;
    }

    private static void CheckLabel(byte label, int record, string source)
    {
        if (label >= Classes)
        {
            throw new CrossbarException(
                $"{source}: label {label} of record {N(record)} (byte offset {N((long)record * RecordSize)}) is outside 0..{Classes - 1}; not a CIFAR-10 batch");
        }
    }

    private static byte[] ReadBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CrossbarException($"{path}: file not found", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CrossbarException($"{path}: permission denied", e);
        }
        catch (IOException e)
        {
            throw new CrossbarException($"{path}: cannot read ({e.Message})", e);
        }
    }

    /// <summary>Copies up to <paramref name="max"/> records into the set's arrays at image <paramref name="at"/>.</summary>
    private static int Unpack(byte[] bytes, string source, byte[] pixels, byte[] labels, int at, int max)
    {
        int records = Math.Min(CountRecords(bytes, source), max);
        for (int r = 0; r < records; r++)
        {
            int offset = r * RecordSize;
            byte label = bytes[offset];
            CheckLabel(label, r, source);
            labels[at + r] = label;
            bytes.AsSpan(offset + 1, PixelsPerImage).CopyTo(pixels.AsSpan((at + r) * PixelsPerImage, PixelsPerImage));
        }
        return records;
    }

    private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
}
