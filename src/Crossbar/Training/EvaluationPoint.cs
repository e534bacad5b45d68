namespace Crossbar.Training;

/// <summary>One row of a run's learning curve.</summary>
public sealed record EvaluationPoint(
    long Examples,
    double Epoch,
    double TrainAccuracy,
    double TrainLoss,
    double TestAccuracy,
    double TestLoss,
    int TestCount,
    double LearningRate,
    double WallSeconds,
    bool EpochEnd);
