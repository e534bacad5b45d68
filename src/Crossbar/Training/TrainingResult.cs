namespace Crossbar.Training;

/// <summary>What a training run measured.</summary>
public sealed class TrainingResult
{
    public List<EvaluationPoint> Points { get; } = [];

    /// <summary>Test accuracy (fraction 0–1) on the full test set after the last example.</summary>
    public double FinalTestAccuracy { get; set; }

    public double FinalTestLoss { get; set; }

    /// <summary>Best full-test-set accuracy seen at any epoch end.</summary>
    public double BestTestAccuracy { get; set; }

    public double FinalTrainAccuracy { get; set; }

    public long Examples { get; set; }

    /// <summary>Seconds spent in forward/backward/update only (no evaluation).</summary>
    public double TrainSeconds { get; set; }

    public double WallSeconds { get; set; }

    public double ExamplesPerSecond => TrainSeconds > 0 ? Examples / TrainSeconds : 0;

    /// <summary>Test-set outputs recorded at <c>evaluation.snapshots</c>.</summary>
    public List<Snapshot> Snapshots { get; } = [];

    /// <summary>Min and max test accuracy over the last <paramref name="window"/> evaluation points (002 Fig. 8).</summary>
    public (double Min, double Max) FluctuationBand(int window)
    {
        var tail = Points.Where(p => !double.IsNaN(p.TestAccuracy) && p.Examples > 0).TakeLast(window).ToList();
        return tail.Count == 0 ? (double.NaN, double.NaN) : (tail.Min(p => p.TestAccuracy), tail.Max(p => p.TestAccuracy));
    }

    /// <summary>Extra named results that later stages add (pulse counts, energy, ...), written into summary.json.</summary>
    public Dictionary<string, object> Extra { get; } = [];

    /// <summary>
    /// Writes the result so far to a checkpoint: every evaluation point and snapshot, bit for bit, so the resumed
    /// run's metrics.csv equals an uninterrupted one. <see cref="Extra"/> is filled after training and not saved.
    /// </summary>
    public void Save(BinaryWriter writer)
    {
        writer.Write(FinalTestAccuracy);
        writer.Write(FinalTestLoss);
        writer.Write(BestTestAccuracy);
        writer.Write(FinalTrainAccuracy);
        writer.Write(Examples);
        writer.Write(TrainSeconds);
        writer.Write(WallSeconds);
        writer.Write(Points.Count);
        foreach (var p in Points)
        {
            writer.Write(p.Examples);
            writer.Write(p.Epoch);
            writer.Write(p.TrainAccuracy);
            writer.Write(p.TrainLoss);
            writer.Write(p.TestAccuracy);
            writer.Write(p.TestLoss);
            writer.Write(p.TestCount);
            writer.Write(p.LearningRate);
            writer.Write(p.WallSeconds);
            writer.Write(p.EpochEnd);
        }
        writer.Write(Snapshots.Count);
        foreach (var s in Snapshots)
        {
            writer.Write(s.Label);
            writer.Write(s.Examples);
            writer.Write(s.Classes);
            writer.Write(s.Labels.Length);
            StateIO.WriteArray<float>(writer, s.Outputs);
            StateIO.WriteArray<byte>(writer, s.Labels);
            StateIO.WriteArray<float>(writer, s.SafetyMargins);
        }
    }

    public static TrainingResult Load(BinaryReader reader)
    {
        var r = new TrainingResult
        {
            FinalTestAccuracy = reader.ReadDouble(),
            FinalTestLoss = reader.ReadDouble(),
            BestTestAccuracy = reader.ReadDouble(),
            FinalTrainAccuracy = reader.ReadDouble(),
            Examples = reader.ReadInt64(),
            TrainSeconds = reader.ReadDouble(),
            WallSeconds = reader.ReadDouble(),
        };
        int points = Count(reader, "evaluation points");
        for (int i = 0; i < points; i++)
        {
            r.Points.Add(new EvaluationPoint(reader.ReadInt64(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(),
                reader.ReadDouble(), reader.ReadDouble(), reader.ReadInt32(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadBoolean()));
        }
        int snapshots = Count(reader, "snapshots");
        for (int i = 0; i < snapshots; i++)
        {
            string label = reader.ReadString();
            long examples = reader.ReadInt64();
            int classes = Count(reader, "snapshot classes");
            int images = Count(reader, "snapshot images");
            var s = new Snapshot(label, examples, classes, images);
            StateIO.ReadArray<float>(reader, s.Outputs, "snapshot outputs");
            StateIO.ReadArray<byte>(reader, s.Labels, "snapshot labels");
            StateIO.ReadArray<float>(reader, s.SafetyMargins, "snapshot safety margins");
            r.Snapshots.Add(s);
        }
        return r;
    }

    private static int Count(BinaryReader reader, string what)
    {
        int n = reader.ReadInt32();
        return n is >= 0 and <= 100_000_000 ? n : throw new InvalidDataException($"{what}: count {n} is impossible");
    }
}
