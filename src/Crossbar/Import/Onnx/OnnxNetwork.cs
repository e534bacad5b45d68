using Crossbar.Config;
using Crossbar.Modules;

namespace Crossbar.Import.Onnx;

/// <summary>
/// The graph of a <c>network</c> section, whatever its family: imported from the ONNX file for family onnx (structure
/// and weights, checked against the data's image shape and classes), else <see cref="GraphFactory.Build"/>.
/// </summary>
public static class OnnxNetwork
{
    public static Graph Build(NetworkConfig network, Shape input, int classes, ulong seed, string source = "network")
    {
        if (network.Family != NetworkFamily.Onnx)
        {
            return GraphFactory.Build(network, input, classes, seed, source);
        }
        var model = OnnxImporter.Import(network.Onnx!);
        if (model.Graph.InputShape != input)
        {
            throw new CrossbarException($"{source}: network.onnx: {network.Onnx} takes {model.Graph.InputShape} inputs but the data gives {input} images");
        }
        if (model.Graph.OutputShape.Size != classes)
        {
            throw new CrossbarException($"{source}: network.onnx: {network.Onnx} gives {model.Graph.OutputShape.Size} outputs but the data has {classes} classes");
        }
        return model.Graph;
    }
}
