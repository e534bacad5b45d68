using Crossbar.Output;

namespace Crossbar.Sweeps;

/// <summary>
/// Runs one sweep point and writes its files into <see cref="SweepRunContext.RunDir"/>. Returning means the run is
/// complete (the engine then writes the point's marker); on cancellation throw <see cref="OperationCanceledException"/>.
/// Runners are called from several threads at once, one point per thread. <see cref="TrainingPointRunner.Run"/> is the
/// default; tests pass a fast fake, and other commands (inference, reproductions) pass their own kind of run.
/// </summary>
public delegate RunSummary SweepRunner(SweepRunContext context, CancellationToken cancel);

/// <summary>What a runner gets for one point.</summary>
/// <param name="Point">The point, with its bound configuration (<see cref="SweepPoint.Config"/>) and tree.</param>
/// <param name="RunDir">The point's folder (<c>points/&lt;id&gt;</c>), empty when the runner starts.</param>
/// <param name="DataFolder">The <c>--data</c> folder, if given.</param>
/// <param name="Data">Data shared between points of this process.</param>
/// <param name="SourceFile">The sweep file, for the run's records.</param>
public sealed record SweepRunContext(SweepPoint Point, string RunDir, string? DataFolder, DatasetCache Data, string SourceFile);
