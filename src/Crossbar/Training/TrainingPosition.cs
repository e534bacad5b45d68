namespace Crossbar.Training;

/// <summary>
/// Where a training run stands at an epoch end, besides the network's and optimiser's own state: what a checkpoint
/// stores so that <see cref="Trainer"/> or <see cref="GraphTrainer"/> can continue from it.
/// </summary>
public sealed class TrainingPosition
{
    /// <summary>Epochs completed.</summary>
    public required int Epochs { get; init; }

    /// <summary>Training examples seen so far.</summary>
    public required long Examples { get; init; }

    /// <summary>The learning curve and snapshots so far.</summary>
    public required TrainingResult Result { get; init; }

    /// <summary>
    /// The MLP trainer's sums since its last intermediate evaluation: with <c>evaluation.every_examples</c> not dividing
    /// the epoch they run on across the epoch end (the graph trainer restarts them every epoch).
    /// </summary>
    public int CorrectSince { get; init; }

    public int SeenSince { get; init; }

    public double LossSince { get; init; }

    public void Save(BinaryWriter writer)
    {
        writer.Write(Epochs);
        writer.Write(Examples);
        writer.Write(CorrectSince);
        writer.Write(SeenSince);
        writer.Write(LossSince);
        Result.Save(writer);
    }

    public static TrainingPosition Load(BinaryReader reader) => new()
    {
        Epochs = reader.ReadInt32(),
        Examples = reader.ReadInt64(),
        CorrectSince = reader.ReadInt32(),
        SeenSince = reader.ReadInt32(),
        LossSince = reader.ReadDouble(),
        Result = TrainingResult.Load(reader),
    };
}
