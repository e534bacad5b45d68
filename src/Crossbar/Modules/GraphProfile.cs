using System.Diagnostics;

namespace Crossbar.Modules;

/// <summary>Time spent in each node of a graph, forward and backward, over the passes since it was attached.</summary>
public sealed class GraphProfile(Graph graph)
{
    private readonly long[] _forward = new long[graph.Nodes.Count];
    private readonly long[] _backward = new long[graph.Nodes.Count];

    public Graph Graph { get; } = graph;

    internal void AddForward(int node, long ticks) => _forward[node] += ticks;

    internal void AddBackward(int node, long ticks) => _backward[node] += ticks;

    public double ForwardSeconds(int node) => (double)_forward[node] / Stopwatch.Frequency;

    public double BackwardSeconds(int node) => (double)_backward[node] / Stopwatch.Frequency;

    /// <summary>Seconds per module kind (conv2d, batch_norm, …), forward and backward.</summary>
    public IReadOnlyList<(string Kind, double Forward, double Backward)> ByKind() =>
        Enumerable.Range(0, Graph.Nodes.Count)
            .GroupBy(i => Graph.Nodes[i].Module.Kind)
            .Select(g => (g.Key, g.Sum(ForwardSeconds), g.Sum(BackwardSeconds)))
            .OrderByDescending(x => x.Item2 + x.Item3)
            .ToList();

    /// <summary>Every node's name, description, forward and backward seconds, slowest first.</summary>
    public IReadOnlyList<(string Name, string Describe, double Forward, double Backward)> ByNode() =>
        Enumerable.Range(0, Graph.Nodes.Count)
            .Select(i => (Graph.Nodes[i].Name, Graph.Nodes[i].Module.Describe(), ForwardSeconds(i), BackwardSeconds(i)))
            .OrderByDescending(x => x.Item3 + x.Item4)
            .ToList();

    public void Clear()
    {
        Array.Clear(_forward);
        Array.Clear(_backward);
    }
}
