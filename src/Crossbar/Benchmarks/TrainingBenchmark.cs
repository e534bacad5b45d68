using System.Diagnostics;
using Crossbar.Config;
using Crossbar.Data;
using Crossbar.Network;
using Crossbar.Numerics;

namespace Crossbar.Benchmarks;

/// <summary>
/// Online float training throughput (forward + backward + update per example, one thread), on real MNIST when it is
/// found and otherwise on synthetic images with MNIST's sparsity (about 80% zero pixels).
/// </summary>
public static class TrainingBenchmark
{
    public static BenchmarkResult Run(int[] layers, DataSplit? data, long examples, ulong seed = 1)
    {
        var config = new NetworkConfig
        {
            Layers = layers,
            HiddenActivation = new ActivationConfig { Kind = ActivationKind.Tanh },
            OutputActivation = new ActivationConfig { Kind = ActivationKind.Tanh },
            Loss = LossKind.SquaredError,
        };
        var net = NetworkBuilder.BuildFloat(config, seed);
        var set = data?.Train ?? Synthetic(layers[0], 10_000, layers[^1], seed);
        if (set.Features != layers[0])
        {
            throw new CrossbarException($"benchmark network takes {layers[0]} inputs but the data gives {set.Features}");
        }
        // Warm-up so tiered JIT has produced the optimised code before timing.
        Train(net, set, Math.Min(examples / 5 + 1000, 20_000), 0.01f);
        var clock = Stopwatch.StartNew();
        Train(net, set, examples, 0.01f);
        clock.Stop();
        string source = data is null ? "synthetic sparse images" : data.Description;
        return new BenchmarkResult($"float online training {string.Join('-', layers)}", "examples",
                                   examples / clock.Elapsed.TotalSeconds, examples, clock.Elapsed.TotalSeconds, source);
    }

    /// <summary>
    /// Online training throughput of any experiment (float or analog, any update rule): forward, backward, update and
    /// the per-example device bookkeeping, without evaluation, after a warm-up.
    /// <paramref name="passes"/> repetitions of the same measurement: each builds the network afresh from the config
    /// (same seed), warms up on the same examples and times the same <paramref name="examples"/> — the work per example
    /// depends on the training state (how many devices get pulses), so passes are only comparable from the same start.
    /// On a shared machine the best pass is the least disturbed one.
    /// </summary>
    public static ExperimentBenchmark RunExperiment(ExperimentConfig config, DataSplit data, long examples, string? baseDirectory, int passes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(examples, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        float lr = (float)config.Training.LearningRate;
        var set = data.Train;
        string rule = ConfigBinder.VariantName(config.Update.GetType());
        string device = config.Device?.ModelName ?? "float";
        string name = $"{config.Name} ({string.Join('-', config.Network.Layers)}, {device}, rule {rule})";
        long warm = Math.Min(examples / 5 + 500, 10_000);
        var results = new BenchmarkResult[passes];
        double stolen = 0;
        bool stealKnown = true;
        for (int p = 0; p < passes; p++)
        {
            var net = NetworkBuilder.Build(config, baseDirectory);
            var updates = new Updates.UpdatePipeline(config.Update, config.Network, net);
            void Loop(long n, long offset)
            {
                for (long k = 0; k < n; k++)
                {
                    int i = (int)((offset + k) % set.Count);
                    net.Forward(set.Input(i));
                    updates.BackwardAndApply(set.Labels[i], lr);
                    net.EndExample();
                }
            }
            Loop(warm, 0);
            double? before = HostSteal.Seconds();
            var clock = Stopwatch.StartNew();
            Loop(examples, warm);
            clock.Stop();
            double? after = HostSteal.Seconds();
            stealKnown &= before is not null && after is not null;
            stolen += (after - before) ?? 0;
            results[p] = new BenchmarkResult(name, "examples", examples / clock.Elapsed.TotalSeconds, examples, clock.Elapsed.TotalSeconds, data.Description);
        }
        return new ExperimentBenchmark(results, stealKnown ? stolen : null);
    }

    private static void Train(Mlp net, Dataset set, long n, float lr)
    {
        for (long k = 0; k < n; k++)
        {
            int i = (int)(k % set.Count);
            net.Forward(set.Input(i));
            net.BackwardAndUpdate(set.Labels[i], lr);
        }
    }

    /// <summary>Random images where each pixel is 0 with probability 0.8 and uniform in (0, 1] otherwise.</summary>
    public static Dataset Synthetic(int features, int count, int classes, ulong seed)
    {
        var rng = CounterRng.ForStream(seed, "synthetic-images");
        var x = new float[features * count];
        var y = new byte[count];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = rng.NextFloat() < 0.8f ? 0f : rng.NextFloat();
        }
        for (int i = 0; i < count; i++)
        {
            y[i] = (byte)rng.NextInt(classes);
        }
        return new Dataset("synthetic", x, y, features, classes);
    }
}
