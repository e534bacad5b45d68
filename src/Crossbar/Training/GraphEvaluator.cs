using System.Numerics.Tensors;
using Crossbar.Data;
using Crossbar.Modules;

namespace Crossbar.Training;

/// <summary>Accuracy and mean cross-entropy of a graph network on (the first N images of) an image set, in evaluation mode.</summary>
public static class GraphEvaluator
{
    public const int DefaultBatch = 500;

    public static (double Accuracy, double Loss) Evaluate(Graph graph, ImageBatcher batcher, WorkerPool pool, int? count = null,
        int batch = DefaultBatch, float[]? outputs = null)
    {
        int n = Math.Min(count ?? batcher.Set.Count, batcher.Set.Count);
        if (n == 0)
        {
            return (double.NaN, double.NaN);
        }
        var indices = new int[Math.Min(batch, n)];
        var labels = new int[indices.Length];
        double loss = 0;
        long correct = 0;
        for (int start = 0; start < n; start += indices.Length)
        {
            int b = Math.Min(indices.Length, n - start);
            for (int i = 0; i < b; i++)
            {
                indices[i] = start + i;
            }
            graph.Input.Resize(b);
            batcher.Fill(indices.AsSpan(0, b), 0, graph.Input.Span, labels.AsSpan(0, b));
            var y = graph.Forward(ForwardMode.Evaluate, pool);
            var (l, c) = SoftmaxCrossEntropy.Compute(y, labels.AsSpan(0, b), null);
            loss += l;
            correct += c;
            if (outputs is not null)
            {
                y.Span.CopyTo(outputs.AsSpan(start * y.Stride));
            }
        }
        return ((double)correct / n, loss / n);
    }

    /// <summary>Predicted class of every image (arg-max of the logits), for confusion tables and per-class accuracy.</summary>
    public static int[] Predict(Graph graph, ImageBatcher batcher, WorkerPool pool, int batch = DefaultBatch)
    {
        int n = batcher.Set.Count, k = graph.OutputShape.Size;
        var logits = new float[(long)n * k];
        Evaluate(graph, batcher, pool, n, batch, logits);
        var predicted = new int[n];
        for (int i = 0; i < n; i++)
        {
            predicted[i] = TensorPrimitives.IndexOfMax(logits.AsSpan(i * k, k));
        }
        return predicted;
    }
}
