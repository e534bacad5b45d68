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
    /// ON-CHIP HOOK (issue 4 §3): false until <see cref="TrainingRun.Execute"/> trains on <c>config.Device</c> with
    /// the device-aware rules. Until then it would silently train in float, so the study reports on-chip as pending.
    /// Set it to true when the rules land; <see cref="Train"/> is the single call site.
    /// </summary>
    public static bool Available => false;

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
