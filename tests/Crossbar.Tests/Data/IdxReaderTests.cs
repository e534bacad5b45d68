using Crossbar.Data;
using Crossbar.Numerics;

namespace Crossbar.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string name, byte[] bytes)
    {
        string p = _dir.Combine(name);
        File.WriteAllBytes(p, bytes);
        return p;
    }

    [Fact]
    public void RoundTrip_RawAndGzip_RandomShapes()
    {
        var rng = CounterRng.ForStream(1, "idx-roundtrip");
        for (int trial = 0; trial < 20; trial++)
        {
            int count = rng.NextInt(5), rows = 1 + rng.NextInt(30), cols = 1 + rng.NextInt(30);
            ulong salt = rng.NextUInt64();
            var raw = IdxTestFiles.Images(count, rows, cols, (i, r, c) => (byte)CounterRng.At(salt, (ulong)(i * 10000 + r * 100 + c)));
            var labels = Enumerable.Range(0, count).Select(_ => (byte)rng.NextInt(10)).ToArray();
            foreach (bool gz in new[] { false, true })
            {
                string img = Write($"img{trial}{gz}", gz ? IdxTestFiles.Gzip(raw) : raw);
                string lab = Write($"lab{trial}{gz}", gz ? IdxTestFiles.Gzip(IdxTestFiles.Labels(labels)) : IdxTestFiles.Labels(labels));
                var (images, labelFile) = IdxReader.ReadPair(img, lab);
                Assert.Equal(gz, images.Gzipped);
                Assert.Equal([count, rows, cols], images.Shape);
                Assert.Equal(raw[16..], images.Data);
                Assert.Equal(labels, labelFile.Data);
            }
        }
    }

    [Fact]
    public void Gzip_IsDetectedByMagicBytes_NotByExtension()
    {
        var raw = IdxTestFiles.Images(2, 3, 4, (i, r, c) => (byte)(i + r + c));
        Assert.True(IdxReader.ReadImages(Write("looks-raw-idx3-ubyte", IdxTestFiles.Gzip(raw))).Gzipped);
        Assert.False(IdxReader.ReadImages(Write("looks-gz-idx3-ubyte.gz", raw)).Gzipped);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TruncatedPayload_NamesFileAndSizes(bool gz)
    {
        var raw = IdxTestFiles.Images(10, 28, 28, (_, _, _) => 1)[..(16 + 1234)];
        string p = Write("train-images-idx3-ubyte", gz ? IdxTestFiles.Gzip(raw) : raw);
        var e = Assert.Throws<CrossbarException>(() => IdxReader.ReadImages(p));
        Assert.StartsWith(p + ":", e.Message);
        Assert.Contains("truncated: header says 10 images of 28×28 = 7,840 bytes but only 1,234 bytes follow", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void TruncatedHeader_And_EmptyFile()
    {
        string p = Write("short", [0, 0, 8, 3, 0, 0]);
        Assert.Contains("truncated", Assert.Throws<CrossbarException>(() => IdxReader.ReadImages(p)).Message);
        string empty = Write("empty", []);
        var e = Assert.Throws<CrossbarException>(() => IdxReader.ReadLabels(empty));
        Assert.StartsWith(empty + ": truncated", e.Message);
    }

    [Fact]
    public void ExtraBytes_AreAnError()
    {
        string p = Write("labels-extra", [.. IdxTestFiles.Labels([1, 2, 3]), 7, 7]);
        var e = Assert.Throws<CrossbarException>(() => IdxReader.ReadLabels(p));
        Assert.Contains(p, e.Message);
        Assert.Contains("2 unexpected bytes", e.Message);
    }

    [Fact]
    public void WrongMagic_NamesFile()
    {
        var bytes = IdxTestFiles.Labels([1, 2]);
        bytes[3] = 0x04;
        string p = Write("bad-magic", bytes);
        var e = Assert.Throws<CrossbarException>(() => IdxReader.Read(p));
        Assert.StartsWith(p + ": wrong magic number 0x00000804", e.Message);

        // A label file where images are expected (swapped names) is also named as such.
        string labels = Write("train-images-idx3-ubyte", IdxTestFiles.Labels([1, 2]));
        var swapped = Assert.Throws<CrossbarException>(() => IdxReader.ReadImages(labels));
        Assert.Contains(labels, swapped.Message);
        Assert.Contains("this is a label file, expected an image file", swapped.Message);

        string text = Write("notes.txt", "hello world, not IDX"u8.ToArray());
        Assert.Contains("wrong magic number", Assert.Throws<CrossbarException>(() => IdxReader.Read(text)).Message);
    }

    [Fact]
    public void CountMismatch_NamesBothFiles()
    {
        string img = Write("imgs", IdxTestFiles.Images(3, 28, 28, (_, _, _) => 0));
        string lab = Write("labs.gz", IdxTestFiles.Gzip(IdxTestFiles.Labels([1, 2])));
        var e = Assert.Throws<CrossbarException>(() => IdxReader.ReadPair(img, lab));
        Assert.Contains(lab, e.Message);
        Assert.Contains(img, e.Message);
        Assert.Contains("2 labels", e.Message);
        Assert.Contains("3 images", e.Message);
    }

    [Fact]
    public void CorruptGzip_IsOneLineError()
    {
        var gz = IdxTestFiles.Gzip(IdxTestFiles.Images(5, 28, 28, (i, r, c) => (byte)(i * r * c)));
        for (int i = 10; i < gz.Length - 8; i++)
        {
            gz[i] = 0xFF; // clobber the deflate stream, keep the gzip header
        }
        string p = Write("train-images-idx3-ubyte.gz", gz);
        var e = Assert.Throws<CrossbarException>(() => IdxReader.ReadImages(p));
        Assert.StartsWith(p + ":", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void LabelOutsideZeroToNine_IsAnError()
    {
        string p = Write("labels", IdxTestFiles.Labels([0, 9, 10, 3]));
        var e = Assert.Throws<CrossbarException>(() => IdxReader.ReadLabels(p));
        Assert.Equal($"{p}: label 10 at index 2 is outside 0..9", e.Message);
    }

    [Fact]
    public void MissingFile_NamesIt()
    {
        string p = _dir.Combine("nope", "t10k-labels-idx1-ubyte");
        Assert.Equal($"{p}: file not found", Assert.Throws<CrossbarException>(() => IdxReader.ReadLabels(p)).Message);
    }
}
