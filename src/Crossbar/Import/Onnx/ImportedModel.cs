using Crossbar.Modules;

namespace Crossbar.Import.Onnx;

/// <summary>An ONNX model as a Crossbar graph: its input and output tensor names, the opset, and what was folded.</summary>
public sealed record ImportedModel(Graph Graph, string InputName, string OutputName, int Opset, int FoldedNodes, IReadOnlyDictionary<string, int> OpCounts)
{
    public string Describe() =>
        $"opset {Opset}, input '{InputName}' {Graph.InputShape}, output '{OutputName}' {Graph.OutputShape}, " +
        $"{Graph.Nodes.Count} modules, {Graph.ParameterCount:N0} parameters, {FoldedNodes} node(s) folded at import " +
        $"({string.Join(", ", OpCounts.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} ×{k.Value}"))})";
}
