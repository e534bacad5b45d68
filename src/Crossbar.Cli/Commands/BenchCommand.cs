using System.CommandLine;
using Crossbar.Benchmarks;
using Crossbar.Config;
using Crossbar.Data;

namespace Crossbar.Cli.Commands;

/// <summary><c>crossbar bench</c>: throughput figures, to be run from a Release build.</summary>
public static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Measure throughput on one core (run a Release build: dotnet run -c Release --project src/Crossbar.Cli -- bench ...).");
        command.Subcommands.Add(TrainBench());
        command.Subcommands.Add(ExperimentBench());
        command.Subcommands.Add(DeviceBench());
        command.Subcommands.Add(GemmBench());
        command.Subcommands.Add(CnnBench());
        return command;
    }

    private static Command CnnBench()
    {
        var file = new Argument<string>("file") { Description = "Experiment file of a graph network.", DefaultValueFactory = _ => "experiments/cifar10/resnet20-fp32.yaml" };
        var threads = new Option<int[]>("--threads") { Description = "Thread counts to measure.", DefaultValueFactory = _ => [1, 2], AllowMultipleArgumentsPerToken = true };
        var trainBatch = new Option<int[]>("--train-batch") { Description = "Training batch sizes; 0 skips training.", DefaultValueFactory = _ => [128], AllowMultipleArgumentsPerToken = true };
        var inferBatch = new Option<int[]>("--infer-batch") { Description = "Inference batch sizes; 0 skips inference.", DefaultValueFactory = _ => [100, 500], AllowMultipleArgumentsPerToken = true };
        var analogBatch = new Option<int[]>("--analog-batch")
        {
            Description = "Batch sizes of inference on PCM tiles (the file's inference section, else aihwkit defaults: PCM noise at 1 day, 7-bit DAC, 9-bit ADC, output noise 0.06); 0 skips.",
            DefaultValueFactory = _ => [0],
            AllowMultipleArgumentsPerToken = true,
        };
        var hwaBatch = new Option<int[]>("--hwa-batch")
        {
            Description = "Batch sizes of hardware-aware training steps (weight noise per batch, clipping); 0 skips.",
            DefaultValueFactory = _ => [0],
            AllowMultipleArgumentsPerToken = true,
        };
        var batches = new Option<int>("--batches") { Description = "Timed batches per pass.", DefaultValueFactory = _ => 10 };
        var repeat = new Option<int>("--repeat") { Description = "Timed passes per configuration (best and median are printed).", DefaultValueFactory = _ => 3 };
        var profile = new Option<bool>("--profile") { Description = "Also print the time per module kind, forward and backward." };
        var json = new Option<string?>("--json") { Description = "Write the results to this JSON file as well." };
        var set = CommonOptions.Set();
        var data = CommonOptions.Data();
        var command = new Command("cnn", "Images per second of a CNN (default ResNet-20 on CIFAR-10): float training steps and inference, analog inference on PCM tiles, hardware-aware training, per batch size and thread count, with peak memory.")
        {
            file, threads, trainBatch, inferBatch, analogBatch, hwaBatch, batches, repeat, profile, json, set, data,
        };
        command.SetAction(parse =>
        {
            var w = parse.InvocationConfiguration.Output;
            int[] counts = parse.GetValue(threads)!;
            int nb = parse.GetValue(batches), passes = parse.GetValue(repeat);
            if (counts.Length == 0 || counts.Any(t => t < 1))
            {
                throw new CrossbarException("--threads: give one or more thread counts of at least 1");
            }
            if (nb < 1 || passes < 1)
            {
                throw new CrossbarException("--batches and --repeat: give at least 1");
            }
            string path = parse.GetValue(file)!;
            var (config, _) = ExperimentLoader.Load(path, parse.GetValue(set));
            if (!config.Network.IsGraph)
            {
                throw new CrossbarException($"{path}: network.family is mlp; bench cnn times graph networks (resnet, lenet5, custom); use bench experiment for MLPs");
            }
            var split = ImageSetLoader.Load(config.Data, parse.GetValue(data));
            w.WriteLine($"{path}: {split.Description}; {nb} batches × {passes} passes per line; kernel {Numerics.Gemm.Isa}");
            w.WriteLine($"{"task",-6} {"batch",5} {"thr",3} {"best img/s",11} {"median",9} {"peak MiB",9}");
            var results = new List<CnnBenchmark.Result>();
            foreach (var (task, sizes) in new[]
            {
                ("train", parse.GetValue(trainBatch)!), ("infer", parse.GetValue(inferBatch)!),
                ("analog", parse.GetValue(analogBatch)!), ("hwa", parse.GetValue(hwaBatch)!),
            })
            {
                foreach (int b in sizes)
                {
                    if (b == 0 && sizes.Length == 1)
                    {
                        continue;
                    }
                    if (b < 1)
                    {
                        throw new CrossbarException($"--{task}-batch {b} is not allowed; give sizes ≥ 1, or 0 alone to skip");
                    }
                    foreach (int t in counts)
                    {
                        var r = CnnBenchmark.Run(config, split, task, b, t, nb, passes, parse.GetValue(profile));
                        results.Add(r);
                        w.WriteLine($"{r.Task,-6} {r.Batch,5} {r.Threads,3} {r.Best,11:N0} {r.Median,9:N0} {r.PeakMemoryMiB,9:N0}");
                        if (r.Profile is { } p)
                        {
                            double total = p.Sum(x => x.Forward + x.Backward);
                            foreach (var (kind, fwd, bwd) in p)
                            {
                                w.WriteLine($"         {kind,-16} forward {fwd:F3} s  backward {bwd:F3} s  ({(fwd + bwd) / total:P0})");
                            }
                            w.WriteLine("         slowest modules:");
                            foreach (var (name, describe, fwd, bwd) in r.Nodes!.Take(8))
                            {
                                w.WriteLine($"         {name,-22} {describe,-34} forward {fwd:F3} s  backward {bwd:F3} s");
                            }
                        }
                    }
                }
            }
            if (parse.GetValue(json) is { } jsonPath)
            {
                var rows = results.Select(r => new { task = r.Task, batch = r.Batch, threads = r.Threads, images_per_second_best = r.Best, images_per_second_median = r.Median, passes = r.PerSecond, peak_memory_mib = r.PeakMemoryMiB });
                Output.AtomicFile.WriteAllText(jsonPath, System.Text.Json.JsonSerializer.Serialize(rows, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
            }
            return 0;
        });
        return command;
    }

    private static Command GemmBench()
    {
        var threads = new Option<int[]>("--threads") { Description = "Thread counts to measure (repeatable).", DefaultValueFactory = _ => [1, 2], AllowMultipleArgumentsPerToken = true };
        var seconds = new Option<double>("--seconds") { Description = "Seconds per measurement.", DefaultValueFactory = _ => 0.3 };
        var command = new Command("gemm", "GFLOP/s of the matrix-multiply kernel on square and ResNet-20 convolution shapes, against the machine's measured FMA peak.")
        {
            threads, seconds,
        };
        command.SetAction(parse =>
        {
            var w = parse.InvocationConfiguration.Output;
            int[] counts = parse.GetValue(threads)!;
            if (counts.Length == 0 || counts.Any(t => t < 1))
            {
                throw new CrossbarException("--threads: give one or more thread counts of at least 1");
            }
            double peak1 = PeakFlops.Measure(1);
            w.WriteLine($"kernel: {Numerics.Gemm.Isa}, tile {Numerics.Gemm.MR}×{Numerics.Gemm.NR}, KC {Numerics.Gemm.KC}");
            w.WriteLine($"measured FMA peak: {peak1 / 1e9:F1} GFLOP/s on 1 thread, {PeakFlops.Measure(Math.Max(2, counts.Max())) / 1e9:F1} GFLOP/s on {Math.Max(2, counts.Max())} threads");
            w.WriteLine($"{"shape",-22} {"m",5} {"n",5} {"k",5} {"thr",3} {"GFLOP/s",8} {"of peak",7}");
            foreach (var r in GemmBenchmark.Run(GemmBenchmark.DefaultShapes, counts, peak1, parse.GetValue(seconds)))
            {
                var s = r.Shape;
                w.WriteLine($"{s.Name,-22} {s.M,5} {s.N,5} {s.K,5} {r.Threads,3} {r.GflopPerSecond,8:F1} {r.FractionOfPeak,7:P0}");
            }
            return 0;
        });
        return command;
    }

    private static Command ExperimentBench()
    {
        var file = new Argument<string>("file") { Description = "Experiment file whose training loop is timed (e.g. bench/workloads/2pcm-jump-table.yaml)." };
        var examples = new Option<long>("--examples") { Description = "Timed training examples per pass.", DefaultValueFactory = _ => 20_000 };
        var repeat = new Option<int>("--repeat") { Description = "Timed passes, each from a fresh network on the same examples; prints each, the median and the best (for shared or noisy machines).", DefaultValueFactory = _ => 1 };
        var set = CommonOptions.Set();
        var data = CommonOptions.Data();
        var command = new Command("experiment", "Online training examples per second of any experiment (device-aware rules included), one thread.")
        {
            file, examples, repeat, set, data,
        };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(file)!;
            long n = parse.GetValue(examples);
            int passes = parse.GetValue(repeat);
            if (n < 1)
            {
                throw new CrossbarException($"--examples: {n} is not allowed; give at least 1 timed example");
            }
            if (passes < 1)
            {
                throw new CrossbarException($"--repeat: {passes} is not allowed; give at least 1 pass");
            }
            var (config, _) = ExperimentLoader.Load(path, parse.GetValue(set));
            var split = DatasetLoader.Load(config.Data, parse.GetValue(data), config.Seed);
            var r = TrainingBenchmark.RunExperiment(config, split, n, Experiments.TrainingRun.BaseDirectory(path), passes);
            var w = parse.InvocationConfiguration.Output;
            if (passes > 1)
            {
                for (int p = 0; p < passes; p++)
                {
                    w.WriteLine($"pass {p + 1}: {r.Passes[p].PerSecond:N0} examples/s ({r.Passes[p].Seconds:F2} s)");
                }
                w.WriteLine($"median of {passes} passes: {r.MedianPerSecond:N0} examples/s; best:");
            }
            Print(w, r.Best);
            if (r.StealSeconds is double steal)
            {
                // A virtual machine's host can take CPU time mid-run; say how much, so a slow figure can be read.
                w.WriteLine($"hypervisor steal while timing (all CPUs): {steal:F2} s{(steal > 0.01 * r.Passes.Sum(p => p.Seconds) ? " (figures disturbed; prefer the best pass)" : "")}");
            }
            return 0;
        });
        return command;
    }

    private static Command DeviceBench()
    {
        var seconds = new Option<double>("--seconds") { Description = "Seconds per measurement.", DefaultValueFactory = _ => 1.0 };
        var models = new Option<string[]>("--model") { Description = "Only models whose name contains this (repeatable).", DefaultValueFactory = _ => [] };
        var command = new Command("devices", "Device pulses applied per second, one thread, for every device model (dense vectorised and sparse training-like paths).")
        {
            seconds, models,
        };
        command.SetAction(parse =>
        {
            var w = parse.InvocationConfiguration.Output;
            var only = parse.GetValue(models)!;
            foreach (var r in DeviceBenchmark.Run(seconds: parse.GetValue(seconds), models: only.Length > 0 ? only : null))
            {
                w.WriteLine(r);
            }
            return 0;
        });
        return command;
    }

    private static Command TrainBench()
    {
        var layers = new Option<string>("--network") { Description = "Layer sizes, e.g. 528-250-125-10.", DefaultValueFactory = _ => "528-250-125-10" };
        var examples = new Option<long>("--examples") { Description = "Timed training examples.", DefaultValueFactory = _ => 60_000 };
        var data = CommonOptions.Data();
        var synthetic = new Option<bool>("--synthetic") { Description = "Use synthetic sparse images instead of MNIST." };
        var command = new Command("train", "Online float training examples per second (forward + backward + update, one thread).")
        {
            layers, examples, data, synthetic,
        };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            int[] sizes = ParseLayers(parse.GetValue(layers)!);
            DataSplit? split = null;
            if (!parse.GetValue(synthetic))
            {
                var dc = new DataConfig { Crop = sizes[0] == 528 ? InputCrop.Crop22x24 : InputCrop.None, TestCount = 1 };
                split = DatasetLoader.Load(dc, parse.GetValue(data), 1);
            }
            var r = TrainingBenchmark.Run(sizes, split, parse.GetValue(examples));
            Print(stdout, r);
            return 0;
        });
        return command;
    }

    internal static int[] ParseLayers(string text)
    {
        var parts = text.Split('-', 'x', ',');
        var sizes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], out sizes[i]) || sizes[i] < 1)
            {
                throw new CrossbarException($"--network: '{text}' is not a list of layer sizes like 528-250-125-10");
            }
        }
        if (sizes.Length < 2)
        {
            throw new CrossbarException($"--network: '{text}' needs at least two layers");
        }
        return sizes;
    }

    internal static void Print(TextWriter w, BenchmarkResult r) =>
        w.WriteLine($"{r.Name}: {r.PerSecond:N0} {r.Unit}/s ({r.Operations:N0} {r.Unit} in {r.Seconds:F2} s; {r.Details})");
}
