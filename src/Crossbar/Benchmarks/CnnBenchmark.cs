using System.Diagnostics;
using Crossbar.Config;
using Crossbar.Data;
using Crossbar.Modules;
using Crossbar.Training;
using Crossbar.Training.Optim;

namespace Crossbar.Benchmarks;

/// <summary>
/// Images per second of a graph network (ResNet-20 by default) in float: training steps (forward, cross-entropy,
/// backward, SGD with momentum and weight decay) and inference passes, on real images, at a set batch size and
/// thread count. The batch is filled before its clock starts, so only the network is timed, as in the PyTorch
/// peer script (bench/pytorch). Peak memory is the resident-set high-water mark of each configuration.
/// </summary>
public static class CnnBenchmark
{
    /// <summary>One measured configuration: every pass's images/s, its best and median.</summary>
    public sealed record Result(string Task, int Batch, int Threads, IReadOnlyList<double> PerSecond, double PeakMemoryMiB,
        IReadOnlyList<(string Kind, double Forward, double Backward)>? Profile,
        IReadOnlyList<(string Name, string Describe, double Forward, double Backward)>? Nodes)
    {
        public double Best => PerSecond.Max();

        public double Median => PerSecond.Order().ElementAt(PerSecond.Count / 2);
    }

    /// <summary>
    /// Times <paramref name="batches"/> batches per pass, <paramref name="repeat"/> passes, after two warm-up batches.
    /// Tasks: train (float), infer (float), analog (inference with every conv and linear layer on PCM tiles with the
    /// file's inference section, else aihwkit's defaults: PCM-like noise realised 1 day after programming, 7-bit DAC,
    /// 9-bit ADC, output noise), hwa (training steps with hardware-aware weight noise and clipping, and with
    /// inference.hardware_aware.periphery the forward periphery).
    /// </summary>
    public static Result Run(ExperimentConfig config, ImageSplit data, string task, int batch, int threads, int batches, int repeat, bool profile)
    {
        ResetPeakMemory();
        bool train = task is "train" or "hwa";
        var graph = Experiments.GraphTrainingRun.Build(config, data.Train, "bench");
        if (task == "analog")
        {
            var analogConfig = Inference.ConfigCopy.Of(config);
            analogConfig.Inference ??= new InferenceConfig { PcmNoise = new PcmNoiseConfig(), Drift = new DriftStudyConfig() };
            var analog = Inference.AnalogGraph.Map(analogConfig, graph, 1);
            analog.Realize(86400, 1, 1);
            graph = analog.Graph;
        }
        Training.ITrainingHook? hook = task == "hwa"
            ? new Training.WeightNoiseHook(graph, config.Inference?.HardwareAware?.WeightNoise ?? 0.04, 0, 3.0, 1, 1)
            : null;
        if (task == "hwa" && config.Inference?.HardwareAware?.Periphery == true)
        {
            // Training through the forward periphery: the steps run on the straight-through graph.
            var (through, layers) = Experiments.GraphHardwareAware.ThroughPeriphery(config, graph);
            hook = new Training.PeripheryTrainingHook(layers, 1, hook);
            graph = through;
        }
        long step = 0;
        var (trainBatcher, testBatcher) = Experiments.GraphTrainingRun.Batchers(config, data);
        var batcher = train ? trainBatcher : testBatcher;
        var set = batcher.Set;
        var t = config.Training;
        var sgd = new Sgd(graph.Parameters, t.Momentum, t.Nesterov, t.WeightDecay);
        using var pool = new WorkerPool(threads);
        var labels = new int[batch];
        var order = new int[batch];
        var rates = new List<double>();
        int cursor = 0;
        void Step(Stopwatch clock)
        {
            for (int i = 0; i < batch; i++)
            {
                order[i] = (cursor + i) % set.Count;
            }
            cursor = (cursor + batch) % set.Count;
            graph.Input.Resize(batch);
            batcher.Fill(order, 0, graph.Input.Span, labels);
            clock.Start();
            if (train)
            {
                hook?.BeforeForward(step);
                var y = graph.Forward(ForwardMode.Train, pool);
                SoftmaxCrossEntropy.Compute(y, labels, graph.OutputGrad);
                graph.Backward(pool);
                hook?.BeforeStep(step);
                sgd.Step((float)t.LearningRate);
                hook?.AfterStep(step++);
            }
            else
            {
                graph.Forward(ForwardMode.Evaluate, pool);
            }
            clock.Stop();
        }
        var warm = new Stopwatch();
        Step(warm);
        Step(warm);
        var prof = profile ? new GraphProfile(graph) : null;
        graph.Profile = prof;
        for (int r = 0; r < repeat; r++)
        {
            var clock = new Stopwatch();
            for (int b = 0; b < batches; b++)
            {
                Step(clock);
            }
            rates.Add((double)batch * batches / clock.Elapsed.TotalSeconds);
        }
        graph.Profile = null;
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return new Result(task, batch, threads, rates, self.PeakWorkingSet64 / 1048576.0, prof?.ByKind(), prof?.ByNode());
    }

    /// <summary>
    /// Frees the previous configuration's network and, on Linux, resets the resident-set high-water mark
    /// (clear_refs 5), so each line's peak is its own (the data set, loaded once, is included in every line).
    /// </summary>
    private static void ResetPeakMemory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        try
        {
            if (OperatingSystem.IsLinux())
            {
                File.WriteAllText("/proc/self/clear_refs", "5");
            }
        }
        catch (IOException)
        {
            // Not permitted here: the figure stays the process's peak so far.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
