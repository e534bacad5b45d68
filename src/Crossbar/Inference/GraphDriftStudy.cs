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
/// same columns as the MLP study, so plots and <c>crossbar reproduce</c> read either. drift.csv is rewritten (atomically)
/// after every evaluation, and a run started again over the same folder keeps the rows it finds and evaluates only the
/// rest: each (network, repeat, time, compensation) is a pure function of the seed, so a resumed study equals an
/// uninterrupted one. The float network's accuracy (<see cref="Sources.FloatAccuracy"/>) joins the summary as model
/// <c>fp32</c> at every time: digital weights do not drift.
/// </summary>
public static class GraphDriftStudy
{
    public sealed record Sources(IReadOnlyList<(string Name, Graph Graph)> Networks, ImageBatcher Test, WorkerPool Pool)
    {
        /// <summary>Test accuracy of the float network, written as model fp32; null = no such rows.</summary>
        public double? FloatAccuracy { get; init; }
    }

    private static string Key(string model, string comp, string repeat, string timeLabel) => $"{model}|{comp}|{repeat}|{timeLabel}";

    /// <summary>Rows of an earlier, interrupted run in <paramref name="path"/> (same columns), by key; empty if none.</summary>
    private static Dictionary<string, string[]> Done(string path, IReadOnlyList<string> columns)
    {
        var done = new Dictionary<string, string[]>();
        if (!File.Exists(path))
        {
            return done;
        }
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != string.Join(',', columns))
        {
            return done;   // another layout: start over
        }
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            if (f.Length == columns.Count)
            {
                done[Key(f[0], f[1], f[4], f[3])] = f;
            }
        }
        return done;
    }

    public static IReadOnlyList<DriftPoint> Run(ExperimentConfig config, Sources sources, string outDir, RunSummary summary,
                                                IProgressSink progress, CancellationToken cancel)
    {
        var inference = config.Inference!;
        var study = inference.Drift!;
        var raw = new CsvTable("model", "compensation", "time_s", "time_label", "repeat", "accuracy", "scale_layer0");
        var results = new Dictionary<(string, DriftCompensation, double), List<double>>();
        int k = inference.Repeats;
        long total = (long)sources.Networks.Count * k * study.Times.Count * study.Compensation.Count, done = 0;
        string rawPath = Path.Combine(outDir, DriftStudy.RawFile);
        var earlier = Done(rawPath, raw.Columns);
        if (earlier.Count > 0)
        {
            progress.Message($"drift: resuming, {earlier.Count} of {total} evaluations found in {rawPath}");
        }
        foreach (var (name, source) in sources.Networks)
        {
            for (int r = 0; r < k; r++)
            {
                ulong seed = Numerics.CounterRng.StreamKey(config.Seed, "inference-repeat", (ulong)r);
                AnalogGraph? net = null;
                double[]? reference = null;
                for (int ti = 0; ti < study.Times.Count; ti++)
                {
                    double t = study.Times[ti];
                    foreach (var comp in study.Compensation)
                    {
                        cancel.ThrowIfCancellationRequested();
                        string compName = ConfigNaming.EnumName(comp);
                        double acc;
                        if (earlier.TryGetValue(Key(name, compName, r.ToString(System.Globalization.CultureInfo.InvariantCulture), TimeLabel(t)), out var row))
                        {
                            acc = double.Parse(row[5], System.Globalization.CultureInfo.InvariantCulture);
                            raw.Add(name, compName, t, TimeLabel(t), r, acc, double.Parse(row[6], System.Globalization.CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            if (net is null)
                            {
                                net = AnalogGraph.Map(config, source, seed);
                                net.Realize(0, seed, 0);
                                reference = net.Read(study.Probe);
                            }
                            // Realize again per compensation so both see identical devices and MVM noise.
                            net.Realize(t, seed, (ulong)ti + 1);
                            double scale0 = comp == DriftCompensation.Global ? net.Compensate(study.Probe, reference)[0] : 1.0;
                            acc = GraphEvaluator.Evaluate(net.Graph, sources.Test, sources.Pool).Accuracy;
                            raw.Add(name, compName, t, TimeLabel(t), r, acc, scale0);
                            raw.Save(rawPath);
                        }
                        var key = (name, comp, t);
                        if (!results.TryGetValue(key, out var list))
                        {
                            results[key] = list = [];
                        }
                        list.Add(acc);
                        progress.Report(++done, total, $"drift: {name} repeat {r + 1}/{k} t = {TimeLabel(t)} {compName}: {acc:P2}");
                    }
                }
                if (r == 0)
                {
                    net ??= AnalogGraph.Map(config, source, seed);
                    summary[$"{name}.tiles"] = net.TileCount;
                    summary[$"{name}.devices"] = net.DeviceCount;
                }
            }
        }
        raw.Save(rawPath);
        var points = results.Select(kv => new DriftPoint(kv.Key.Item1, kv.Key.Item2, kv.Key.Item3, Stats.Of(kv.Value))).ToList();
        var table = new CsvTable("model", "compensation", "time_s", "time_label", "repeats", "mean_accuracy", "std_accuracy", "min_accuracy", "max_accuracy");
        foreach (var p in points)
        {
            table.Add(p.Model, ConfigNaming.EnumName(p.Compensation), p.Time, TimeLabel(p.Time), p.Accuracy.Count,
                      Round6(p.Accuracy.Mean), Round6(p.Accuracy.Std), p.Accuracy.Min, p.Accuracy.Max);
            summary[$"drift.{p.Model}.{ConfigNaming.EnumName(p.Compensation)}.{TimeLabel(p.Time)}"] = Math.Round(p.Accuracy.Mean, 6);
        }
        if (sources.FloatAccuracy is double fp32)
        {
            foreach (double t in study.Times)
            {
                table.Add("fp32", "none", t, TimeLabel(t), 1, Round6(fp32), 0.0, fp32, fp32);
            }
        }
        table.Save(Path.Combine(outDir, DriftStudy.SummaryFile));
        return points;
    }
}
