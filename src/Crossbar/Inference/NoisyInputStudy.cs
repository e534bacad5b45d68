using System.Globalization;
using Crossbar.Numerics;
using Crossbar.Output;
using Crossbar.Training;
using static Crossbar.Inference.Stats;

namespace Crossbar.Inference;

/// <summary>
/// Noise-corrupted test images (003 §IV, Fig. 5): for each variance the test set is prepared again with
/// data.test_noise_variance (Gaussian, clipped to the pixel range, before mean normalisation), then evaluated by the
/// float network and by stochastic BL-bit inference averaged over K repeats.
/// Writes noisy_inputs.csv (every repeat) and noisy_inputs_summary.csv (with the drop from each mode's clean accuracy).
/// </summary>
public static class NoisyInputStudy
{
    public const string RawFile = "noisy_inputs.csv";
    public const string SummaryFile = "noisy_inputs_summary.csv";

    public static IReadOnlyList<NoisyPoint> Run(InferenceContext ctx)
    {
        var study = ctx.Inference.NoisyInputs!;
        var raw = new CsvTable("variance", "mode", "bit_length", "repeat", "accuracy");
        var points = new List<NoisyPoint>();
        var stochastic = new StochasticInference(ctx.FloatNetwork, ctx.Config.Network);
        long total = (long)study.Variances.Count * (1 + study.BitLengths.Count * study.Repeats), done = 0;
        foreach (double variance in study.Variances)
        {
            string v = variance.ToString("R", CultureInfo.InvariantCulture);
            var dataConfig = ConfigCopy.Of(ctx.Config, $"data.test_noise_variance={v}").Data;
            var test = ctx.Data.Prepare(dataConfig, ctx.Config.Seed).Test;
            double floatAcc = Evaluator.Evaluate(ctx.FloatNetwork, test).Accuracy;
            raw.Add(variance, "float", 0, 0, floatAcc);
            points.Add(new NoisyPoint(variance, "float", 0, Stats.Of([floatAcc])));
            ctx.Progress.Report(++done, total, $"noisy inputs: σ² = {v} float: {floatAcc:P2}");
            foreach (int bl in study.BitLengths)
            {
                var accs = new List<double>();
                for (int r = 0; r < study.Repeats; r++)
                {
                    ctx.Cancel.ThrowIfCancellationRequested();
                    var rng = CounterRng.ForStream(ctx.RepeatSeed(r), "stochastic-inference", (ulong)bl);
                    int correct = 0;
                    for (int i = 0; i < test.Count; i++)
                    {
                        correct += stochastic.Predict(test.Input(i), bl, ref rng) == test.Labels[i] ? 1 : 0;
                    }
                    double acc = (double)correct / test.Count;
                    accs.Add(acc);
                    raw.Add(variance, $"stochastic_bl{bl}", bl, r, acc);
                    ctx.Progress.Report(++done, total, $"noisy inputs: σ² = {v} BL = {bl} repeat {r + 1}/{study.Repeats}: {acc:P2}");
                }
                points.Add(new NoisyPoint(variance, $"stochastic_bl{bl}", bl, Stats.Of(accs)));
            }
        }
        raw.Save(Path.Combine(ctx.OutDir, RawFile));
        var table = new CsvTable("variance", "mode", "bit_length", "repeats", "mean_accuracy", "std_accuracy", "min_accuracy", "max_accuracy", "drop_from_clean");
        foreach (var p in points)
        {
            var clean = points.FirstOrDefault(q => q.Mode == p.Mode && q.Variance == 0);
            double drop = clean is null ? double.NaN : clean.Accuracy.Mean - p.Accuracy.Mean;
            table.Add(p.Variance, p.Mode, p.BitLength, p.Accuracy.Count, Round6(p.Accuracy.Mean), Round6(p.Accuracy.Std), p.Accuracy.Min, p.Accuracy.Max, Round6(drop));
            string v = p.Variance.ToString("R", CultureInfo.InvariantCulture);
            ctx.Summary[$"noisy_inputs.{p.Mode}.variance_{v}"] = Math.Round(p.Accuracy.Mean, 6);
        }
        table.Save(Path.Combine(ctx.OutDir, SummaryFile));
        return points;
    }
}

/// <summary>Accuracy of one mode (float, stochastic_blN) at one input-noise variance.</summary>
public sealed record NoisyPoint(double Variance, string Mode, int BitLength, Stats Accuracy);
