namespace Crossbar.Experiments.Reproduce;

/// <summary>What <see cref="ReproduceRunner.Run"/> produced.</summary>
/// <param name="OutputDir">Folder with the sweeps' subfolders, the plot and REPORT.md.</param>
/// <param name="Points">Our points, in sweep order.</param>
/// <param name="Ran">Sweep points run now (the rest were done before).</param>
/// <param name="Total">Sweep points in all.</param>
/// <param name="ElapsedSeconds">Wall time of this invocation.</param>
/// <param name="PlotFile">The plot, without extension (SVG, and PNG where it could be written).</param>
/// <param name="ReportFile">REPORT.md.</param>
public sealed record ReproduceOutcome(string OutputDir, IReadOnlyList<MeasuredPoint> Points, int Ran, int Total, double ElapsedSeconds,
                                      string PlotFile, string ReportFile);
