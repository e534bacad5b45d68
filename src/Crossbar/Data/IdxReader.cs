using System.Globalization;
using System.IO.Compression;

namespace Crossbar.Data;

/// <summary>
/// Reads IDX files (the MNIST / Fashion-MNIST format), gzipped or raw; gzip is recognised by its magic bytes
/// (1f 8b), not by the file name. Every problem (missing, truncated, wrong magic, extra bytes, corrupt gzip, labels
/// outside 0..9, image/label count mismatch) is a one-line <see cref="CrossbarException"/> that starts with the path.
/// </summary>
public static class IdxReader
{
    private const int UnsignedByteType = 0x08;

    /// <summary>Reads an image file (magic 0x00000803, count × rows × cols).</summary>
    public static IdxFile ReadImages(string path) => Validate(Read(path), images: true);

    /// <summary>Reads a label file (magic 0x00000801) and checks every label is in 0..classes−1.</summary>
    public static IdxFile ReadLabels(string path, int classes = 10) => Validate(Read(path), images: false, classes);

    /// <summary>
    /// Checks a parsed file is the expected kind — images (3 dimensions) or labels (1 dimension, each in
    /// 0..classes−1) — and returns it.
    /// </summary>
    public static IdxFile Validate(IdxFile file, bool images, int classes = 10)
    {
        Expect(file, images ? IdxFile.ImagesMagic : IdxFile.LabelsMagic);
        return images ? file : CheckLabels(file, classes);
    }

    /// <summary>Reads an image file and its label file and checks they hold the same number of items.</summary>
    public static (IdxFile Images, IdxFile Labels) ReadPair(string imagesPath, string labelsPath, int classes = 10)
    {
        var images = ReadImages(imagesPath);
        var labels = ReadLabels(labelsPath, classes);
        if (images.Count != labels.Count)
        {
            throw new CrossbarException(
                $"{labelsPath}: count mismatch: holds {N(labels.Count)} labels but {imagesPath} holds {N(images.Count)} images");
        }
        return (images, labels);
    }

    /// <summary>Reads an image or label IDX file from disk.</summary>
    public static IdxFile Read(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return Parse(file, path);
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

    /// <summary>Parses IDX bytes held in memory (e.g. a download); <paramref name="source"/> names them in errors.</summary>
    public static IdxFile Parse(byte[] bytes, string source)
    {
        using var ms = new MemoryStream(bytes, writable: false);
        return Parse(ms, source);
    }

    /// <summary>Parses a seekable stream positioned at the start of an IDX file, gzipped or raw.</summary>
    public static IdxFile Parse(Stream seekable, string source)
    {
        long start = seekable.Position;
        Span<byte> head = stackalloc byte[2];
        int got = ReadFully(seekable, head);
        seekable.Position = start;
        bool gzipped = got == 2 && IsGzip(head);
        try
        {
            if (!gzipped)
            {
                return ParseRaw(seekable, source, gzipped: false);
            }
            using var gz = new GZipStream(seekable, CompressionMode.Decompress, leaveOpen: true);
            return ParseRaw(gz, source, gzipped: true);
        }
        catch (InvalidDataException e)
        {
            throw new CrossbarException($"{source}: corrupt gzip data ({e.Message.ReplaceLineEndings(" ")})", e);
        }
    }

    public static bool IsGzip(ReadOnlySpan<byte> head) => head.Length >= 2 && head[0] == 0x1f && head[1] == 0x8b;

    private static IdxFile ParseRaw(Stream s, string source, bool gzipped)
    {
        string what = gzipped ? " (after gunzip)" : "";
        Span<byte> magicBytes = stackalloc byte[4];
        int got = ReadFully(s, magicBytes);
        if (got < 4)
        {
            throw new CrossbarException($"{source}: truncated: {got} bytes{what}, too short for an IDX header");
        }
        int magic = (magicBytes[0] << 24) | (magicBytes[1] << 16) | (magicBytes[2] << 8) | magicBytes[3];
        if (magic != IdxFile.ImagesMagic && magic != IdxFile.LabelsMagic)
        {
            string hint = magicBytes[0] == 0 && magicBytes[1] == 0 && magicBytes[2] != UnsignedByteType
                ? $"an IDX file of element type 0x{magicBytes[2]:x2}, but only unsigned bytes (0x08) are supported"
                : "not an IDX image or label file";
            throw new CrossbarException(
                $"{source}: wrong magic number 0x{magic:X8}{what}: {hint} (expected 0x00000803 for images or 0x00000801 for labels)");
        }
        int dims = magicBytes[3];
        Span<byte> dimBytes = stackalloc byte[4 * 3];
        dimBytes = dimBytes[..(4 * dims)];
        got = ReadFully(s, dimBytes);
        if (got < dimBytes.Length)
        {
            throw new CrossbarException(
                $"{source}: truncated: the header needs {dims} dimension sizes ({4 * dims} bytes) but only {got} bytes follow the magic number");
        }
        var shape = new int[dims];
        long payload = 1;
        for (int d = 0; d < dims; d++)
        {
            shape[d] = (dimBytes[4 * d] << 24) | (dimBytes[4 * d + 1] << 16) | (dimBytes[4 * d + 2] << 8) | dimBytes[4 * d + 3];
            if (shape[d] < 0 || (d > 0 && shape[d] == 0))
            {
                throw new CrossbarException($"{source}: bad header: dimension {d + 1} is {shape[d]}");
            }
            payload *= shape[d];
            if (payload > Array.MaxLength)
            {
                throw new CrossbarException($"{source}: bad header: {string.Join(" × ", shape[..(d + 1)])} elements is more than can be loaded");
            }
        }
        string says = Describe(magic, shape, payload);
        var data = new byte[payload];
        got = ReadFully(s, data);
        if (got < payload)
        {
            throw new CrossbarException($"{source}: truncated: header says {says} but only {N(got)} bytes follow{what}");
        }
        long extra = CountRemaining(s);
        if (extra > 0)
        {
            throw new CrossbarException($"{source}: {N(extra)} unexpected bytes after the payload{what}: header says {says}");
        }
        return new IdxFile(source, gzipped, magic, shape, data);
    }

    private static IdxFile Expect(IdxFile f, int magic)
    {
        if (f.Magic != magic)
        {
            string want = magic == IdxFile.ImagesMagic ? "an image file (magic 0x00000803)" : "a label file (magic 0x00000801)";
            string got = f.IsImages ? "an image file" : "a label file";
            throw new CrossbarException($"{f.Source}: wrong magic number 0x{f.Magic:X8}: this is {got}, expected {want}");
        }
        if (magic == IdxFile.ImagesMagic && f.Shape.Count != 3)
        {
            throw new CrossbarException($"{f.Source}: image file has {f.Shape.Count} dimensions ({f.ShapeText}); expected 3 (count × rows × columns)");
        }
        if (magic == IdxFile.LabelsMagic && f.Shape.Count != 1)
        {
            throw new CrossbarException($"{f.Source}: label file has {f.Shape.Count} dimensions ({f.ShapeText}); expected 1 (count)");
        }
        return f;
    }

    private static IdxFile CheckLabels(IdxFile f, int classes)
    {
        int bad = f.Data.AsSpan().IndexOfAnyInRange((byte)classes, byte.MaxValue);
        if (bad >= 0)
        {
            throw new CrossbarException($"{f.Source}: label {f.Data[bad]} at index {N(bad)} is outside 0..{classes - 1}");
        }
        return f;
    }

    private static string Describe(int magic, int[] shape, long payload) => magic == IdxFile.ImagesMagic && shape.Length == 3
        ? $"{shape[0]} images of {shape[1]}×{shape[2]} = {N(payload)} bytes"
        : magic == IdxFile.LabelsMagic && shape.Length == 1
            ? $"{shape[0]} labels = {N(payload)} bytes"
            : $"{string.Join("×", shape)} = {N(payload)} bytes";

    private static int ReadFully(Stream s, Span<byte> buffer)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = s.Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }
            total += n;
        }
        return total;
    }

    private static long CountRemaining(Stream s)
    {
        Span<byte> buf = stackalloc byte[4096];
        long total = 0;
        int n;
        while ((n = s.Read(buf)) > 0)
        {
            total += n;
        }
        return total;
    }

    private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
}
