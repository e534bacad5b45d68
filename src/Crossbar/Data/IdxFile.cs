namespace Crossbar.Data;

/// <summary>
/// One parsed IDX file: the big-endian magic, the shape (first dimension = item count) and the unsigned-byte payload.
/// Images are <c>count × rows × cols</c> (magic 0x00000803), labels are <c>count</c> (magic 0x00000801).
/// </summary>
public sealed class IdxFile
{
    public const int ImagesMagic = 0x00000803;
    public const int LabelsMagic = 0x00000801;

    public IdxFile(string source, bool gzipped, int magic, int[] shape, byte[] data)
    {
        Source = source;
        Gzipped = gzipped;
        Magic = magic;
        Shape = shape;
        Data = data;
    }

    /// <summary>The file path (or URL) the bytes came from, used in error messages.</summary>
    public string Source { get; }

    public bool Gzipped { get; }

    public int Magic { get; }

    public IReadOnlyList<int> Shape { get; }

    /// <summary>Row-major payload, one byte per element.</summary>
    public byte[] Data { get; }

    public int Count => Shape[0];

    public bool IsImages => Magic == ImagesMagic;

    public bool IsLabels => Magic == LabelsMagic;

    public int Rows => IsImages ? Shape[1] : throw new InvalidOperationException("not an image file");

    public int Columns => IsImages ? Shape[2] : throw new InvalidOperationException("not an image file");

    /// <summary>"60000 × 28 × 28" or "60000".</summary>
    public string ShapeText => string.Join(" × ", Shape);
}
