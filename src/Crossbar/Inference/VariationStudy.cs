using System.Globalization;
using Crossbar.Output;
using Crossbar.Training;
using static Crossbar.Inference.Stats;

namespace Crossbar.Inference;

/// <summary>
/// Off-chip vs on-chip learning against device-to-device variation σ (002 §3.2, Fig. 14). Off-chip: the float
/// network is transferred (inference.mapping, open_loop in 002) to an array of the file's device whose devices carry
/// X ~ N(1, σ), K times; on-chip: the training run on that array (<see cref="OnChipTraining"/>).
/// Writes variation.csv (every repeat) and variation_summary.csv.
/// </summary>
public static class VariationStudy
{
    public const string RawFile = "variation.csv";
    public const string SummaryFile = "variation_summary.csv";

    public static IReadOnlyList<VariationPoint> Run(InferenceContext ctx)
    {
        var study = ctx.Inference.Variation!;
        if (ctx.Config.Device is null)
        {
            throw new CrossbarException($"{ctx.SourceFile}: inference.variation needs a device section (the array whose device.variation is swept)");
        }
        var raw = new CsvTable("sigma", "mode", "repeat", "accuracy");
        var points = new List<VariationPoint>();
        int k = ctx.Inference.Repeats;
        long total = (long)study.Sigmas.Count * k, done = 0;
        foreach (double sigma in study.Sigmas)
        {
            string s = sigma.ToString("R", CultureInfo.InvariantCulture);
            var varied = ConfigCopy.Of(ctx.Config, $"device.variation={s}");
            varied.Network = ctx.Config.Network;
            var accs = new List<double>();
            for (int r = 0; r < k; r++)
            {
                ctx.Cancel.ThrowIfCancellationRequested();
                var net = MappedNetwork.Map(varied, ctx.FloatNetwork, ctx.RepeatSeed(r));
                double acc = Evaluator.Evaluate(net.Network, ctx.Split.Test).Accuracy;
                accs.Add(acc);
                raw.Add(sigma, "off_chip", r, acc);
                ctx.Progress.Report(++done, total, $"variation: σ = {s} off-chip repeat {r + 1}/{k}: {acc:P2}");
            }
            points.Add(new VariationPoint(sigma, "off_chip", Stats.Of(accs), "ok"));
            ctx.Summary[$"variation.off_chip.sigma_{s}"] = Math.Round(points[^1].Accuracy.Mean, 6);
            if (study.OnChip)
            {
                var onChip = ConfigCopy.Of(varied);
                onChip.Inference = null;
                onChip.Name = $"{ctx.Config.Name}-on-chip-sigma-{s}";
                var summary = OnChipTraining.Train(onChip, Path.Combine(ctx.OutDir, $"on-chip-sigma-{s}"), ctx.Data.Folder, ctx.SourceFile, ctx.Progress);
                double acc = summary?.GetDouble("test_accuracy") ?? double.NaN;
                if (summary is not null)
                {
                    raw.Add(sigma, "on_chip", 0, acc);
                }
                points.Add(new VariationPoint(sigma, "on_chip", summary is null ? Stats.Of([]) : Stats.Of([acc]),
                    summary is null ? "pending: device-aware training rules not connected (OnChipTraining.Available)" : "ok"));
                ctx.Summary[$"variation.on_chip.sigma_{s}"] = summary is null ? null : Math.Round(acc, 6);
            }
        }
        raw.Save(Path.Combine(ctx.OutDir, RawFile));
        var table = new CsvTable("sigma", "mode", "repeats", "mean_accuracy", "std_accuracy", "min_accuracy", "max_accuracy", "status");
        foreach (var p in points)
        {
            table.Add(p.Sigma, p.Mode, p.Accuracy.Count, Round6(p.Accuracy.Mean), Round6(p.Accuracy.Std), p.Accuracy.Min, p.Accuracy.Max, p.Status);
        }
        table.Save(Path.Combine(ctx.OutDir, SummaryFile));
        return points;
    }
}

/// <summary>Accuracy of one mode (off_chip / on_chip) at one σ.</summary>
public sealed record VariationPoint(double Sigma, string Mode, Stats Accuracy, string Status);
