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
}
