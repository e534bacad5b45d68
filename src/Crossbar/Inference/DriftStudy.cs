using Crossbar.Config;
using Crossbar.Output;
using Crossbar.Training;
using static Crossbar.Inference.Stats;

namespace Crossbar.Inference;

/// <summary>
/// Accuracy of the mapped network from programming to the configured times (004 Fig. 4: direct mapping vs
/// hardware-aware training, decline from PCM drift), with and without global drift compensation, over K programming
/// repeats. Both compensations of one repeat and time see the same devices (common random numbers).
/// Writes drift.csv (every repeat) and drift_summary.csv (mean, σ, min, max).
/// </summary>
public static class DriftStudy
{
    public const string RawFile = "drift.csv";
    public const string SummaryFile = "drift_summary.csv";

    public static IReadOnlyList<DriftPoint> Run(InferenceContext ctx)
    {
        var study = ctx.Inference.Drift!;
        var test = ctx.Split.Test;
        var compensator = new DriftCompensator(study.Probe, ctx.Config.Network,
            study.Probe == DriftProbe.Calibration ? ctx.Split.Train : null, study.CalibrationCount);
        var raw = new CsvTable("model", "compensation", "time_s", "time_label", "repeat", "accuracy", "scale_layer0");
        var results = new Dictionary<(string, DriftCompensation, double), List<double>>();
        int k = ctx.Inference.Repeats;
        var sources = ctx.SourceNetworks().ToList();
        long total = (long)sources.Count * k * study.Times.Count * study.Compensation.Count, done = 0;
        foreach (var (name, source) in sources)
        {
            for (int r = 0; r < k; r++)
            {
                ulong seed = ctx.RepeatSeed(r);
                var net = MappedNetwork.Map(ctx.Config, source, seed);
                net.Realize(0, seed, 0);
                double[] reference = compensator.Reference(net);
                for (int ti = 0; ti < study.Times.Count; ti++)
                {
                    double t = study.Times[ti];
                    net.Realize(t, seed, (ulong)ti + 1);
                    foreach (var comp in study.Compensation)
                    {
                        ctx.Cancel.ThrowIfCancellationRequested();
                        double scale0 = 1.0;
                        if (comp == DriftCompensation.Global)
                        {
                            scale0 = compensator.Compensate(net, reference)[0];
                        }
                        else
                        {
                            foreach (var layer in net.Layers)
                            {
                                layer.Scale = 1.0;
                            }
                        }
                        double acc = Evaluator.Evaluate(net.Network, test).Accuracy;
                        raw.Add(name, ConfigNaming.EnumName(comp), t, Stats.TimeLabel(t), r, acc, scale0);
                        var key = (name, comp, t);
                        if (!results.TryGetValue(key, out var list))
                        {
                            results[key] = list = [];
                        }
                        list.Add(acc);
                        ctx.Progress.Report(++done, total, $"drift: {name} repeat {r + 1}/{k} t = {Stats.TimeLabel(t)} {ConfigNaming.EnumName(comp)}: {acc:P2}");
                    }
                }
            }
        }
        raw.Save(Path.Combine(ctx.OutDir, RawFile));
        var points = results.Select(kv => new DriftPoint(kv.Key.Item1, kv.Key.Item2, kv.Key.Item3, Stats.Of(kv.Value))).ToList();
        var table = new CsvTable("model", "compensation", "time_s", "time_label", "repeats", "mean_accuracy", "std_accuracy", "min_accuracy", "max_accuracy");
        foreach (var p in points)
        {
            table.Add(p.Model, ConfigNaming.EnumName(p.Compensation), p.Time, Stats.TimeLabel(p.Time), p.Accuracy.Count,
                      Round6(p.Accuracy.Mean), Round6(p.Accuracy.Std), p.Accuracy.Min, p.Accuracy.Max);
            ctx.Summary[$"drift.{p.Model}.{ConfigNaming.EnumName(p.Compensation)}.{Stats.TimeLabel(p.Time)}"] = Math.Round(p.Accuracy.Mean, 6);
        }
        table.Save(Path.Combine(ctx.OutDir, SummaryFile));
        return points;
    }
}

/// <summary>Mean accuracy of one model and compensation at one time.</summary>
public sealed record DriftPoint(string Model, DriftCompensation Compensation, double Time, Stats Accuracy);
