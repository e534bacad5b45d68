using System.Globalization;
using Crossbar.Config;
using Crossbar.Data;
using Crossbar.Modules;
using Crossbar.Output;
using Crossbar.Persistence;
using Crossbar.Training;

namespace Crossbar.Experiments;

/// <summary>
/// Floating-point evaluation of a trained graph network on a test set: from a Crossbar model file, or from weights
/// published as a PyTorch-style manifest (e.g. ../shared/models/resnet20-cifar10) with the network and data of an
/// experiment file. Writes eval.json (accuracy, loss, per-class accuracy).
/// </summary>
public static class GraphEvaluation
{
    public const string ResultFile = "eval.json";

    public sealed record Result(int Correct, int Count, double Loss, double[] PerClass, double Seconds);

    /// <param name="config">The experiment (data section, and network when <paramref name="manifest"/> is given).</param>
    /// <param name="model">A model.cbm of a graph network; its network replaces the config's.</param>
    /// <param name="manifest">A JSON manifest of raw float32 weights (the .bin beside it, same stem with _f32le.bin, or the only .bin there).</param>
    public static Result Run(ExperimentConfig config, string? model, string? manifest, string? dataFolder, int threads, IProgressSink? progress = null)
    {
        progress ??= NullProgress.Instance;
        var data = ImageSetLoader.Load(config.Data, dataFolder);
        progress.Message($"data: {data.Description}");
        Graph graph;
        if (model is not null && model.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
        {
            graph = Import.Onnx.OnnxImporter.Import(model).Graph;
        }
        else if (model is not null)
        {
            (_, graph) = GraphModelFile.Load(model);
        }
        else if (manifest is null && config.Network.Family == NetworkFamily.Onnx)
        {
            graph = GraphTrainingRun.Build(config, data.Train, "experiment");   // imported with its weights
        }
        else
        {
            graph = GraphTrainingRun.Build(config, data.Train, "experiment");
            string m = manifest ?? throw new ArgumentException("give a model or a manifest");
            TensorManifest.Load(graph, m, WeightsBeside(m));
        }
        if (graph.InputShape != new Shape(data.Test.Channels, data.Test.Height, data.Test.Width))
        {
            throw new CrossbarException($"{model ?? manifest}: the network takes {graph.InputShape} images but data.dataset gives {data.Test.Channels}×{data.Test.Height}×{data.Test.Width}");
        }
        var (_, test) = GraphTrainingRun.Batchers(config, data);
        using var pool = new WorkerPool(threads);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var predicted = GraphEvaluator.Predict(graph, test, pool);
        var (_, loss) = GraphEvaluator.Evaluate(graph, test, pool);
        clock.Stop();
        int classes = data.Test.Classes;
        var hits = new int[classes];
        var totals = new int[classes];
        int correct = 0;
        for (int i = 0; i < predicted.Length; i++)
        {
            int label = data.Test.Labels[i];
            totals[label]++;
            if (predicted[i] == label)
            {
                hits[label]++;
                correct++;
            }
        }
        var perClass = hits.Select((h, c) => totals[c] > 0 ? (double)h / totals[c] : double.NaN).ToArray();
        return new Result(correct, predicted.Length, loss, perClass, clock.Elapsed.TotalSeconds);
    }

    public static void Save(Result r, string path, string source)
    {
        var s = new RunSummary
        {
            ["source"] = source,
            ["crossbar_version"] = CrossbarVersion.Current,
            ["correct"] = r.Correct,
            ["count"] = r.Count,
            ["test_accuracy"] = (double)r.Correct / r.Count,
            ["test_loss"] = r.Loss,
            ["per_class_accuracy"] = r.PerClass,
            ["seconds"] = Math.Round(r.Seconds, 3),
        };
        s.Save(path);
    }

    public static string Describe(Result r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Correct:N0} / {r.Count:N0} correct ({100.0 * r.Correct / r.Count:F2} %), loss {r.Loss:F4}, per class {string.Join(" ", r.PerClass.Select(a => a.ToString("F3", CultureInfo.InvariantCulture)))}; {r.Seconds:F1} s");

    /// <summary>The weights file of a manifest: &lt;stem&gt;.bin with "manifest" → "f32le", else the only .bin in its folder.</summary>
    public static string WeightsBeside(string manifest)
    {
        string dir = Path.GetDirectoryName(Path.GetFullPath(manifest))!;
        string stem = Path.GetFileNameWithoutExtension(manifest);
        string guess = Path.Combine(dir, stem.Replace("manifest", "f32le", StringComparison.Ordinal) + ".bin");
        if (File.Exists(guess))
        {
            return guess;
        }
        var bins = Directory.Exists(dir) ? Directory.GetFiles(dir, "*.bin") : [];
        return bins.Length == 1 ? bins[0]
            : throw new CrossbarException($"{manifest}: cannot tell which .bin holds its weights ({bins.Length} in {dir}); name it {Path.GetFileName(guess)}");
    }
}
