using Crossbar.Config;
using Crossbar.Plotting;
using Crossbar.Training;

namespace Crossbar.Experiments;

/// <summary>Plots of a training run: the learning curve, and Safety Margin CDFs / output distributions when snapshots were taken.</summary>
public static class TrainingPlots
{
    public static void Write(ExperimentConfig config, TrainingResult result, string outDir)
    {
        LearningCurve(config, result, outDir);
        if (result.Snapshots.Count > 0)
        {
            SafetyMarginCdf(config, result, outDir);
            OutputDistributions(config, result, outDir);
        }
    }

    private static void LearningCurve(ExperimentConfig config, TrainingResult result, string outDir)
    {
        var p = new Plot
        {
            Title = $"{config.Name}: accuracy vs epoch",
            XLabel = "epoch",
            YLabel = "accuracy (%)",
            YMax = 100,
        };
        var pts = result.Points.Where(q => q.Examples > 0).ToList();
        var ends = pts.Where(q => q.EpochEnd).ToList();
        var mid = pts.Where(q => !q.EpochEnd).ToList();
        if (mid.Count > 0)
        {
            p.Line([.. mid.Select(q => q.Epoch)], [.. mid.Select(q => 100 * q.TestAccuracy)],
                   $"test (first {mid[0].TestCount:N0} images)", SeriesStyle.Dotted);
        }
        p.Line([.. ends.Select(q => q.Epoch)], [.. ends.Select(q => 100 * q.TrainAccuracy)],
               config.Evaluation.FullTrainAccuracy ? "train" : "train (running, over the epoch)",
               SeriesStyle.Default with { Marker = MarkerShape.Circle });
        p.Line([.. ends.Select(q => q.Epoch)], [.. ends.Select(q => 100 * q.TestAccuracy)], "test",
               SeriesStyle.Default with { Marker = MarkerShape.Square });
        double lo = pts.Select(q => 100 * q.TestAccuracy).Where(double.IsFinite).DefaultIfEmpty(0).Min();
        p.YMin = Math.Max(0, Math.Floor(Math.Min(lo, ends.Select(q => 100 * q.TrainAccuracy).Where(double.IsFinite).DefaultIfEmpty(lo).Min()) / 5) * 5);
        PlotWriter.Save(p, Path.Combine(outDir, "accuracy"));
    }

    /// <summary>000 Fig. 19: CDF of the Safety Margin over the test set at each snapshot.</summary>
    private static void SafetyMarginCdf(ExperimentConfig config, TrainingResult result, string outDir)
    {
        var p = new Plot { Title = $"{config.Name}: Safety Margin", XLabel = "Safety Margin", YLabel = "CDF" };
        foreach (var snap in result.Snapshots)
        {
            p.Cdf([.. snap.SafetyMargins.Select(v => (double)v)], $"{snap.Label} ({snap.Accuracy:P1})");
        }
        p.VLine(0, "");
        PlotWriter.Save(p, Path.Combine(outDir, "safety_margin_cdf"));
    }

    /// <summary>000 Fig. 17: distribution of output-neuron excitations, split by ground truth, at the first and last snapshot.</summary>
    private static void OutputDistributions(ExperimentConfig config, TrainingResult result, string outDir)
    {
        var shown = result.Snapshots.Count == 1 ? result.Snapshots : [result.Snapshots[0], result.Snapshots[^1]];
        var fig = new Figure(1, shown.Count) { Title = $"{config.Name}: output neurons by ground truth" };
        for (int k = 0; k < shown.Count; k++)
        {
            var snap = shown[k];
            var on = new List<double>();
            var off = new List<double>();
            for (int i = 0; i < snap.Labels.Length; i++)
            {
                for (int j = 0; j < snap.Classes; j++)
                {
                    (j == snap.Labels[i] ? on : off).Add(snap.Outputs[i * snap.Classes + j]);
                }
            }
            var p = new Plot { Title = snap.Label, XLabel = "output excitation", YLabel = "density" };
            p.Histogram([.. off], bins: 60, label: "GT = 0", density: true);
            p.Histogram([.. on], bins: 60, label: "GT = 1", density: true);
            fig[0, k] = p;
        }
        PlotWriter.Save(fig, Path.Combine(outDir, "output_distribution"));
    }
}
