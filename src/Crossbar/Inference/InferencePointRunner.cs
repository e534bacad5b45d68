using Crossbar.Output;
using Crossbar.Sweeps;
using Crossbar.Training;

namespace Crossbar.Inference;

/// <summary>A sweep runner for <c>crossbar infer</c> experiments: one <see cref="InferenceRun"/> per point (e.g. 002 Fig. 14 in <c>crossbar reproduce</c>).</summary>
public static class InferencePointRunner
{
    public static RunSummary Run(SweepRunContext context, CancellationToken cancel) =>
        InferenceRun.Execute(context.Point.Config, context.RunDir, context.DataFolder, null, context.SourceFile, NullProgress.Instance, cancel);
}
