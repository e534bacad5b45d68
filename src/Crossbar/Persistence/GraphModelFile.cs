using System.Text.Json.Nodes;
using Crossbar.Config;
using Crossbar.Import.Onnx;
using Crossbar.Modules;

namespace Crossbar.Persistence;

/// <summary>
/// A module graph (CNN, ResNet) in the model file format: one float32 section per parameter and per buffer (batch-norm
/// running statistics), named as a PyTorch state_dict, rows = first dimension; the header's "graph" key records the
/// input shape, classes and every node (name, kind, inputs) so a reader can check the rebuilt graph matches.
/// </summary>
public static class GraphModelFile
{
    public static void Save(string path, ExperimentConfig config, Graph graph)
    {
        var sections = new List<ModelSection>();
        var nodes = new JsonArray();
        foreach (var node in graph.Nodes)
        {
            nodes.Add(new JsonObject
            {
                ["name"] = node.Name,
                ["kind"] = node.Module.Kind,
                ["describe"] = node.Module.Describe(),
                ["inputs"] = new JsonArray(node.Inputs.Select(i => (JsonNode)(i < 0 ? "input" : graph.Nodes[i].Name)).ToArray()),
                ["shape"] = node.Shape.ToString(),
            });
            foreach (var p in node.Module.Parameters)
            {
                sections.Add(ModelSection.OfFloats($"{node.Name}.{p.Name}", p.Dims[0], p.Length / p.Dims[0], (float[])p.Value.Clone()));
            }
            foreach (var (name, values) in node.Module.Buffers)
            {
                sections.Add(ModelSection.OfFloats($"{node.Name}.{name}", 1, values.Length, (float[])values.Clone()));
            }
        }
        var s = graph.InputShape;
        var header = new JsonObject
        {
            ["graph"] = new JsonObject
            {
                ["input"] = new JsonArray(s.Channels, s.Height, s.Width),
                ["classes"] = graph.OutputShape.Size,
                ["nodes"] = nodes,
            },
        };
        ModelFile.Write(path, config, sections, header, ModelFile.MinorVersion);
    }

    /// <summary>Whether a model file holds a graph (else it is an MLP file for <see cref="ModelFile.Load"/>).</summary>
    public static bool IsGraph(ModelContents contents) => contents.Header["graph"] is JsonObject;

    public static (ExperimentConfig Config, Graph Graph) Load(string path) => Load(ModelFile.Read(path));

    public static (ExperimentConfig Config, Graph Graph) Load(ModelContents contents)
    {
        string path = contents.Path;
        if (contents.Header["graph"] is not JsonObject g)
        {
            throw ModelFile.Bad(path, "holds a fully connected network (no graph); load it with the MLP reader");
        }
        var input = g["input"] as JsonArray;
        if (input is not { Count: 3 })
        {
            throw ModelFile.Bad(path, "graph header has no input shape [C, H, W]");
        }
        var shape = new Shape(input[0]!.GetValue<int>(), input[1]!.GetValue<int>(), input[2]!.GetValue<int>());
        int classes = g["classes"]?.GetValue<int>() ?? throw ModelFile.Bad(path, "graph header has no classes");
        var config = contents.Config;
        Graph graph;
        try
        {
            graph = OnnxNetwork.Build(config.Network, shape, classes, config.Seed, $"{path} (embedded config)");
        }
        catch (CrossbarException e)
        {
            throw ModelFile.Bad(path, e.Message);
        }
        var nodes = g["nodes"] as JsonArray ?? throw ModelFile.Bad(path, "graph header has no nodes");
        if (nodes.Count != graph.Nodes.Count)
        {
            throw ModelFile.Bad(path, $"graph header lists {nodes.Count} nodes but the embedded config builds {graph.Nodes.Count}");
        }
        var targets = TensorManifest.Targets(graph);
        foreach (var s in contents.Sections)
        {
            if (!targets.TryGetValue(s.Name, out var target))
            {
                throw ModelFile.Bad(path, $"section {s.Name} matches no parameter of the network");
            }
            if (s.Kind != ModelSection.Float32 || s.Floats!.Length != target.Values.Length)
            {
                throw ModelFile.Bad(path, $"section {s.Name} holds {s.Rows}×{s.Cols} {s.Kind} but the network needs {target.Values.Length} float32 values");
            }
            s.Floats.CopyTo(target.Values, 0);
            targets.Remove(s.Name);
        }
        if (targets.Count > 0)
        {
            throw ModelFile.Bad(path, $"no section for {string.Join(", ", targets.Keys.Take(5))}");
        }
        return (config, graph);
    }
}
