using Crossbar.Config;
using Crossbar.Experiments;
using Crossbar.Output;
using Crossbar.Training;

namespace Crossbar.Inference;

/// <summary>
/// On-chip learning for the variation study (002 §3.2, Fig. 14): the ordinary training run on the file's
/// <c>device</c> section (the varied array), so the device-aware update rules (002 "method b") do the learning.
/// </summary>
public static class OnChipTraining
{
    /// <summary>
    /// <see cref="TrainingRun.Execute"/> trains on <c>config.Device</c> with the file's <c>update</c> rule, so on-chip
    /// learning is the ordinary training run on the varied array.
    /// </summary>
    public static bool Available => true;

    /// <summary>Trains on the varied array; null while <see cref="Available"/> is false.</summary>
    public static RunSummary? Train(ExperimentConfig onChip, string outDir, string dataFolder, string sourceFile, IProgressSink progress)
    {
        if (!Available)
        {
            return null;
        }
        return TrainingRun.Execute(onChip, outDir, dataFolder, sourceFile, progress);
    }
}
