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

    /// <summary>Extra named results that later stages add (pulse counts, energy, ...), written into summary.json.</summary>
    public Dictionary<string, object> Extra { get; } = [];
}
