using Crossbar.Config;

namespace Crossbar.Data;

/// <summary>
/// Official md5s of the published files, gzipped and decompressed (MNIST: the original distribution;
/// Fashion-MNIST: the md5s in zalandoresearch/fashion-mnist's README; CIFAR-10: the files of the official
/// cifar-10-binary.tar.gz and the tarball itself). See shared/data/*/SOURCE.md.
/// </summary>
public static class KnownChecksums
{
    private static readonly Dictionary<(DatasetName, DatasetFileKind, bool Gz), string> Md5s = new()
    {
        [(DatasetName.Mnist, DatasetFileKind.TrainImages, true)] = "f68b3c2dcbeaaa9fbdd348bbdeb94873",
        [(DatasetName.Mnist, DatasetFileKind.TrainLabels, true)] = "d53e105ee54ea40749a09fcbcd1e9432",
        [(DatasetName.Mnist, DatasetFileKind.TestImages, true)] = "9fb629c4189551a2d022fa330f9573f3",
        [(DatasetName.Mnist, DatasetFileKind.TestLabels, true)] = "ec29112dd5afa0611ce80d1b7f02629c",
        [(DatasetName.Mnist, DatasetFileKind.TrainImages, false)] = "6bbc9ace898e44ae57da46a324031adb",
        [(DatasetName.Mnist, DatasetFileKind.TrainLabels, false)] = "a25bea736e30d166cdddb491f175f624",
        [(DatasetName.Mnist, DatasetFileKind.TestImages, false)] = "2646ac647ad5339dbf082846283269ea",
        [(DatasetName.Mnist, DatasetFileKind.TestLabels, false)] = "27ae3e4e09519cfbb04c329615203637",
        [(DatasetName.FashionMnist, DatasetFileKind.TrainImages, true)] = "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
        [(DatasetName.FashionMnist, DatasetFileKind.TrainLabels, true)] = "25c81989df183df01b3e8a0aad5dffbe",
        [(DatasetName.FashionMnist, DatasetFileKind.TestImages, true)] = "bef4ecab320f06d8554ea6380940ec79",
        [(DatasetName.FashionMnist, DatasetFileKind.TestLabels, true)] = "bb300cfdad3c16e7a12a480ee83cd310",
        [(DatasetName.FashionMnist, DatasetFileKind.TrainImages, false)] = "f4a8712d7a061bf5bd6d2ca38dc4d50a",
        [(DatasetName.FashionMnist, DatasetFileKind.TrainLabels, false)] = "9018921c3c673c538a1fc5bad174d6f9",
        [(DatasetName.FashionMnist, DatasetFileKind.TestImages, false)] = "8181f5470baa50b63fa0f6fddb340f0a",
        [(DatasetName.FashionMnist, DatasetFileKind.TestLabels, false)] = "15d484375f8d13e6eb1aabb0c3f46965",
    };

    /// <summary>md5 of the official https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz.</summary>
    public const string Cifar10TarballMd5 = "c32a1d4ab5d03f1284b67883e8d87530";

    private static readonly Dictionary<string, string> Cifar10Md5s = new()
    {
        ["data_batch_1.bin"] = "5dd7e06a14cb22eb9f671a540d1b7c25",
        ["data_batch_2.bin"] = "5ea93a67294ea407fff1d09f752e9692",
        ["data_batch_3.bin"] = "942cd6a4bcdd0dd3c604fbe906cb4421",
        ["data_batch_4.bin"] = "ae636b3ba5c66a11e91e8cb52e771fcb",
        ["data_batch_5.bin"] = "53f37980c15c3d472c316c40844f3f0d",
        ["test_batch.bin"] = "803d5f7f4d78ea53de84dbe85f74fb6d",
    };

    /// <summary>The official md5 of a CIFAR-10 batch by its standard file name (e.g. data_batch_1.bin), or null.</summary>
    public static string? Cifar10Md5(string fileName) => Cifar10Md5s.TryGetValue(fileName, out var m) ? m : null;

    /// <summary>The official md5 (lower-case hex) of a file as published, gzipped or raw, or null if not known.</summary>
    public static string? Md5(DatasetName dataset, DatasetFileKind kind, bool gzipped) =>
        Md5s.TryGetValue((dataset, kind, gzipped), out var m) ? m : null;

    /// <summary>Lower-case hex md5 of some bytes.</summary>
    public static string Md5Hex(ReadOnlySpan<byte> bytes) =>
        Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(bytes));

    public static string Md5HexOfFile(string path)
    {
        using var f = File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData(f));
    }
}
