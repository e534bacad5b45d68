using Crossbar.Config;
using Crossbar.Data;
using Crossbar.Modules;
using Crossbar.Output;
using Crossbar.Training;
using static Crossbar.Inference.Stats;

namespace Crossbar.Inference;

/// <summary>
/// <see cref="DriftStudy"/> for graph networks (004 Fig. 4: ResNet-20 on PCM from 1 s to 1 year after programming):
/// each source network is programmed K times (<see cref="AnalogGraph.Map"/>), and each programming is read at every
/// time with and without global drift compensation on the test set. Both compensations of one repeat and time see
/// the same devices and the same per-MVM noise (common random numbers). Writes drift.csv and drift_summary.csv in the
/// same columns as the MLP study, so plots and <c>crossbar reproduce</c> read either.
/// </summary>
public static class GraphDriftStudy
{
    public sealed record Sources(IReadOnlyList<(string Name, Graph Graph)> Networks, ImageBatcher Test, WorkerPool Pool);

    public static IReadOnlyList<DriftPoint> Run(ExperimentConfig config, Sources sources, string outDir, RunSummary summary,
                                                IProgressSink progress, CancellationToken cancel)
    {
        var inference = config.Inference!;
        var study = inference.Drift!;
        var raw = new CsvTable("model", "compensation", "time_s", "time_label", "repeat", "accuracy", "scale_layer0");
        var results = new Dictionary<(string, DriftCompensation, double), List<double>>();
        int k = inference.Repeats;
        long total = (long)sources.Networks.Count * k * study.Times.Count * study.Compensation.Count, done = 0;
        foreach (var (name, source) in sources.Networks)
        {
            for (int r = 0; r < k; r++)
            {
                ulong seed = Numerics.CounterRng.StreamKey(config.Seed, "inference-repeat", (ulong)r);
                var net = AnalogGraph.Map(config, source, seed);
                if (r == 0)
                {
                    summary[$"{name}.tiles"] = net.TileCount;
                    summary[$"{name}.devices"] = net.DeviceCount;
                }
                net.Realize(0, seed, 0);
                double[] reference = net.Read(study.Probe);
                for (int ti = 0; ti < study.Times.Count; ti++)
                {
                    double t = study.Times[ti];
                    foreach (var comp in study.Compensation)
                    {
                        cancel.ThrowIfCancellationRequested();
                        // Realize again per compensation so both see identical devices and MVM noise.
                        net.Realize(t, seed, (ulong)ti + 1);
                        double scale0 = comp == DriftCompensation.Global ? net.Compensate(study.Probe, reference)[0] : 1.0;
                        double acc = GraphEvaluator.Evaluate(net.Graph, sources.Test, sources.Pool).Accuracy;
                        raw.Add(name, ConfigNaming.EnumName(comp), t, TimeLabel(t), r, acc, scale0);
                        var key = (name, comp, t);
                        if (!results.TryGetValue(key, out var list))
                        {
                            results[key] = list = [];
                        }
                        list.Add(acc);
                        progress.Report(++done, total, $"drift: {name} repeat {r + 1}/{k} t = {TimeLabel(t)} {ConfigNaming.EnumName(comp)}: {acc:P2}");
                    }
                }
            }
        }
        raw.Save(Path.Combine(outDir, DriftStudy.RawFile));
        var points = results.Select(kv => new DriftPoint(kv.Key.Item1, kv.Key.Item2, kv.Key.Item3, Stats.Of(kv.Value))).ToList();
        var table = new CsvTable("model", "compensation", "time_s", "time_label", "repeats", "mean_accuracy", "std_accuracy", "min_accuracy", "max_accuracy");
        foreach (var p in points)
        {
            table.Add(p.Model, ConfigNaming.EnumName(p.Compensation), p.Time, TimeLabel(p.Time), p.Accuracy.Count,
                      Round6(p.Accuracy.Mean), Round6(p.Accuracy.Std), p.Accuracy.Min, p.Accuracy.Max);
            summary[$"drift.{p.Model}.{ConfigNaming.EnumName(p.Compensation)}.{TimeLabel(p.Time)}"] = Math.Round(p.Accuracy.Mean, 6);
        }
        table.Save(Path.Combine(outDir, DriftStudy.SummaryFile));
        return points;
    }
}
