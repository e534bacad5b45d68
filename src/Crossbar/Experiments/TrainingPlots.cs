using Crossbar.Config;
using Crossbar.Training;

namespace Crossbar.Experiments;

/// <summary>The learning-curve plot of a training run (accuracy vs epoch).</summary>
public static class TrainingPlots
{
    public static void Write(ExperimentConfig config, TrainingResult result, string outDir)
    {
        // Drawn with the Plotting module once it lands.
        _ = config;
        _ = result;
        _ = outDir;
    }
}
