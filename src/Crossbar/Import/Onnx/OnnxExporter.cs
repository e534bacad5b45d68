using Crossbar.Modules;
using Crossbar.Modules.Layers;
using Google.Protobuf;
using Onnx;
using static Crossbar.Import.Onnx.OnnxProto;

namespace Crossbar.Import.Onnx;

/// <summary>
/// Writes a float graph back to ONNX (opset 13), so a network fine-tuned here (hardware-aware training) goes back to
/// the user's own tools: Conv (with its bias), Gemm (transB), BatchNormalization, Relu, Tanh, Sigmoid, Clip/LeakyRelu,
/// Mul + Add for <see cref="ChannelAffine"/>, pooling, GlobalAveragePool (+ Flatten where a flat tensor follows),
/// Flatten, Add, Concat, and the ResNet option-A shortcut as a strided Slice and a channel Pad. Dropout is the identity
/// in inference. Tensors are [N, C, H, W], or [N, F] after a Linear or Flatten; the batch dimension is symbolic "N".
/// </summary>
public static class OnnxExporter
{
    public const int Opset = 13;

    public static void Export(Graph graph, string path, string producer = "crossbar")
    {
        var g = new GraphProto { Name = "crossbar" };
        var names = new string[graph.Nodes.Count];
        var flat = new bool[graph.Nodes.Count];
        bool inputFlat = graph.InputShape.IsFlat;
        g.Input.Add(Value("input", inputFlat ? [-1, graph.InputShape.Channels] : [-1, graph.InputShape.Channels, graph.InputShape.Height, graph.InputShape.Width]));
        for (int k = 0; k < graph.Nodes.Count; k++)
        {
            var node = graph.Nodes[k];
            string[] ins = node.Inputs.Select(i => i < 0 ? "input" : names[i]).ToArray();
            bool[] insFlat = node.Inputs.Select(i => i < 0 ? inputFlat : flat[i]).ToArray();
            string o = node.Name;
            names[k] = o;
            flat[k] = insFlat.Length > 0 && insFlat[0];
            switch (node.Module)
            {
                case Conv2d c:
                    g.Initializer.Add(Tensor($"{o}.weight", [c.OutChannels, c.InChannels, c.Kernel, c.Kernel], c.Weight.Value));
                    var convIn = new List<string> { ins[0], $"{o}.weight" };
                    if (c.Bias is { } b)
                    {
                        g.Initializer.Add(Tensor($"{o}.bias", [c.OutChannels], b.Value));
                        convIn.Add($"{o}.bias");
                    }
                    g.Node.Add(Node("Conv", o, [.. convIn], [o], Ints("kernel_shape", c.Kernel, c.Kernel), Ints("strides", c.Stride, c.Stride),
                        Ints("pads", c.Padding, c.Padding, c.Padding, c.Padding)));
                    flat[k] = false;
                    break;
                case Linear l:
                    string x = ins[0];
                    if (!insFlat[0])
                    {
                        g.Node.Add(Node("Flatten", $"{o}.flatten", [x], [$"{o}.flat"], Int("axis", 1)));
                        x = $"{o}.flat";
                    }
                    g.Initializer.Add(Tensor($"{o}.weight", [l.OutFeatures, l.InFeatures], l.Weight.Value));
                    var gemmIn = new List<string> { x, $"{o}.weight" };
                    if (l.Bias is { } lb)
                    {
                        g.Initializer.Add(Tensor($"{o}.bias", [l.OutFeatures], lb.Value));
                        gemmIn.Add($"{o}.bias");
                    }
                    g.Node.Add(Node("Gemm", o, [.. gemmIn], [o], Int("transB", 1)));
                    flat[k] = true;
                    break;
                case BatchNorm bn:
                    g.Initializer.Add(Tensor($"{o}.weight", [bn.Channels], bn.Gamma.Value));
                    g.Initializer.Add(Tensor($"{o}.bias", [bn.Channels], bn.Beta.Value));
                    g.Initializer.Add(Tensor($"{o}.running_mean", [bn.Channels], bn.RunningMean));
                    g.Initializer.Add(Tensor($"{o}.running_var", [bn.Channels], bn.RunningVar));
                    g.Node.Add(Node("BatchNormalization", o, [ins[0], $"{o}.weight", $"{o}.bias", $"{o}.running_mean", $"{o}.running_var"], [o],
                        Float("epsilon", bn.Epsilon)));
                    break;
                case Relu:
                    g.Node.Add(Node("Relu", o, ins, [o]));
                    break;
                case ActivationLayer a when a.Kind is "tanh" or "sigmoid":
                    g.Node.Add(Node(a.Kind == "tanh" ? "Tanh" : "Sigmoid", o, ins, [o]));
                    break;
                case Clip { LeakySlope: { } slope }:
                    g.Node.Add(Node("LeakyRelu", o, ins, [o], Float("alpha", slope)));
                    break;
                case Clip clip:
                    g.Initializer.Add(Tensor($"{o}.min", [], [clip.Low]));
                    g.Initializer.Add(Tensor($"{o}.max", [], [clip.High]));
                    g.Node.Add(Node("Clip", o, [ins[0], $"{o}.min", $"{o}.max"], [o]));
                    break;
                case ChannelAffine affine:
                    long[] dims = insFlat[0] ? [affine.Channels] : [affine.Channels, 1, 1];
                    g.Initializer.Add(Tensor($"{o}.scale", dims, affine.Scale.ToArray()));
                    g.Initializer.Add(Tensor($"{o}.shift", dims, affine.Shift.ToArray()));
                    g.Node.Add(Node("Mul", $"{o}.mul", [ins[0], $"{o}.scale"], [$"{o}.scaled"]));
                    g.Node.Add(Node("Add", o, [$"{o}.scaled", $"{o}.shift"], [o]));
                    break;
                case Pool2d p:
                    if (p.IsMax && p.Padding > 0)
                    {
                        throw new CrossbarException($"{path}: {o}: a max pool with zero padding has no ONNX equivalent (ONNX pads with −∞)");
                    }
                    var attrs = new List<AttributeProto> { Ints("kernel_shape", p.Kernel, p.Kernel), Ints("strides", p.Stride, p.Stride), Ints("pads", p.Padding, p.Padding, p.Padding, p.Padding) };
                    if (!p.IsMax)
                    {
                        attrs.Add(Int("count_include_pad", 1));
                    }
                    g.Node.Add(Node(p.IsMax ? "MaxPool" : "AveragePool", o, ins, [o], [.. attrs]));
                    break;
                case GlobalAvgPool:
                    g.Node.Add(Node("GlobalAveragePool", $"{o}.pool", ins, [$"{o}.pooled"]));
                    g.Node.Add(Node("Flatten", o, [$"{o}.pooled"], [o], Int("axis", 1)));
                    flat[k] = true;
                    break;
                case Flatten:
                    g.Node.Add(Node("Flatten", o, ins, [o], Int("axis", 1)));
                    flat[k] = true;
                    break;
                case Add:
                    g.Node.Add(Node("Add", o, ins, [o]));
                    break;
                case Concat:
                    g.Node.Add(Node("Concat", o, ins, [o], Int("axis", 1)));
                    break;
                case Softmax:
                    g.Node.Add(Node("Softmax", o, ins, [o], Int("axis", -1)));
                    break;
                case Dropout:
                    g.Node.Add(Node("Identity", o, ins, [o]));
                    break;
                case ShortcutA s:
                    {
                        int inC = (node.Inputs[0] < 0 ? graph.InputShape : graph.Nodes[node.Inputs[0]].Shape).Channels, pad = (s.OutChannels - inC) / 2;
                        g.Initializer.Add(Int64s($"{o}.starts", 0, 0));
                        g.Initializer.Add(Int64s($"{o}.ends", long.MaxValue, long.MaxValue));
                        g.Initializer.Add(Int64s($"{o}.axes", 2, 3));
                        g.Initializer.Add(Int64s($"{o}.steps", s.Stride, s.Stride));
                        g.Node.Add(Node("Slice", $"{o}.subsample", [ins[0], $"{o}.starts", $"{o}.ends", $"{o}.axes", $"{o}.steps"], [$"{o}.sub"]));
                        g.Initializer.Add(Int64s($"{o}.pads", 0, pad, 0, 0, 0, pad, 0, 0));
                        g.Node.Add(Node("Pad", o, [$"{o}.sub", $"{o}.pads"], [o]));
                        break;
                    }
                default:
                    throw new CrossbarException($"{path}: {o} ({node.Module.Kind}) has no ONNX export; export the float network it came from");
            }
        }
        var last = graph.Nodes.Count - 1;
        var outShape = graph.OutputShape;
        g.Output.Add(Value(names[last], flat[last] ? [-1, outShape.Size] : [-1, outShape.Channels, outShape.Height, outShape.Width]));
        var model = new ModelProto { IrVersion = 8, Graph = g, ProducerName = producer };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        Output.AtomicFile.WriteAllBytes(path, model.ToByteArray());
    }
}
