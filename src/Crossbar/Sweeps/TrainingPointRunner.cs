using Crossbar.Experiments;
using Crossbar.Output;
using Crossbar.Training;

namespace Crossbar.Sweeps;

/// <summary>
/// The default sweep runner: one <see cref="TrainingRun"/> per point, data from the sweep's cache. No checkpoints:
/// the sweep reruns a point that was cut off from the beginning, in a cleared folder.
/// </summary>
public static class TrainingPointRunner
{
    public static RunSummary Run(SweepRunContext context, CancellationToken cancel) =>
        TrainingRun.Execute(context.Point.Config, context.RunDir, context.DataFolder, context.SourceFile,
                            NullProgress.Instance, cancel, context.Data.Load, checkpoints: false);
}
