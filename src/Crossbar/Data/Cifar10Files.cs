namespace Crossbar.Data;

/// <summary>Where the six CIFAR-10 binary batches were found: five training batches in order, then the test batch.</summary>
public sealed record Cifar10Files(string Folder, IReadOnlyList<string> TrainBatches, string TestBatch)
{
    /// <summary>The standard names of <c>cifar-10-batches-bin/</c>, training batches first.</summary>
    public static readonly IReadOnlyList<string> TrainNames =
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"];

    public const string TestName = "test_batch.bin";

    public static readonly IReadOnlyList<string> AllNames = [.. TrainNames, TestName];

    /// <summary>Every file, training batches first.</summary>
    public IEnumerable<string> All => [.. TrainBatches, TestBatch];
}

/// <summary>The CIFAR-10 files the locator settled on, and every folder it looked at on the way.</summary>
public sealed record Cifar10Location(Cifar10Files Files, IReadOnlyList<DataSearchStep> Searched);
