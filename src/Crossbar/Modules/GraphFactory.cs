using Crossbar.Config;
using Crossbar.Modules.Families;
using Crossbar.Modules.Layers;
using Crossbar.Network.Activations;

namespace Crossbar.Modules;

/// <summary>Builds the graph an experiment file's <c>network</c> section describes, for a given input shape.</summary>
public static class GraphFactory
{
    /// <param name="source">The experiment file, for error messages.</param>
    public static Graph Build(NetworkConfig network, Shape input, int classes, ulong seed, string source = "network")
    {
        var b = new GraphBuilder(input);
        try
        {
            switch (network.Family)
            {
                case NetworkFamily.Resnet:
                    var r = network.Resnet ?? new ResNetConfig();
                    ResNet.Build(b, r.Depth, r.Shortcut, r.Width, classes);
                    break;
                case NetworkFamily.Lenet5:
                    LeNet5.Build(b, classes);
                    break;
                case NetworkFamily.Custom:
                    for (int i = 0; i < network.Modules.Count; i++)
                    {
                        try
                        {
                            AddSpec(b, network.Modules[i], i);
                        }
                        catch (ShapeException e) when (network.Modules[i].Where.Length > 0)
                        {
                            throw new CrossbarException($"{network.Modules[i].Where} ({ConfigBinder.VariantName(network.Modules[i].GetType())}): {e.Message[(e.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..]} (input {input})", e);
                        }
                    }
                    break;
                case NetworkFamily.Mlp:
                    BuildMlp(b, network);
                    break;
                case NetworkFamily.Onnx:
                    throw new CrossbarException($"{source}: network: family onnx is built by the importer (Import.Onnx.NetworkBuilder), not from a module list");
            }
        }
        catch (ShapeException e)
        {
            throw new CrossbarException($"{source}: network: {e.Message} (input {input})", e);
        }
        var output = b.ShapeOf(b.Last);
        if (output.Size != classes)
        {
            throw new CrossbarException($"{source}: network: the last module gives {output} outputs but the data has {classes} classes; end with a linear layer of {classes} outputs");
        }
        return b.Build(seed);
    }

    /// <summary>An MLP as a graph (flatten, then linear + activation per layer; the softmax is the loss's).</summary>
    private static void BuildMlp(GraphBuilder b, NetworkConfig network)
    {
        var sizes = network.Layers;
        b.Then("flatten", new Flatten());
        if (b.ShapeOf(b.Last).Size != sizes[0])
        {
            throw new ShapeException($"network.layers starts with {sizes[0]} inputs but the data gives {b.ShapeOf(b.Last).Size}");
        }
        for (int l = 1; l < sizes.Length; l++)
        {
            b.Then($"fc{l}", new Linear(sizes[l - 1], sizes[l], network.Bias));
            if (l < sizes.Length - 1)
            {
                b.Then($"act{l}", new ActivationLayer(Activation.Create(network.HiddenActivation), ConfigNaming.EnumName(network.HiddenActivation.Kind)));
            }
        }
    }

    private static void AddSpec(GraphBuilder b, ModuleSpec spec, int index)
    {
        var shape = b.ShapeOf(b.Last);
        string name = $"modules[{index}]";
        switch (spec)
        {
            case Conv2dSpec c:
                b.Then(name, new Conv2d(shape.Channels, c.OutChannels, c.Kernel, c.Stride, c.Padding, c.Bias));
                break;
            case LinearSpec l:
                b.Then(name, new Linear(shape.Size, l.OutFeatures, l.Bias));
                break;
            case BatchNormSpec bn:
                b.Then(name, new BatchNorm(shape.Channels, (float)bn.Epsilon, (float)bn.Momentum));
                break;
            case ReluSpec:
                b.Then(name, new Relu());
                break;
            case TanhSpec:
                b.Then(name, new ActivationLayer(new TanhActivation(1f, 0f, 1f), "tanh"));
                break;
            case SigmoidSpec:
                b.Then(name, new ActivationLayer(new SigmoidActivation(1f), "sigmoid"));
                break;
            case PoolSpec p:
                b.Then(name, new Pool2d(p is MaxPoolSpec, p.Kernel, p.Stride ?? p.Kernel, p.Padding));
                break;
            case GlobalAvgPoolSpec:
                b.Then(name, new GlobalAvgPool());
                break;
            case FlattenSpec:
                b.Then(name, new Flatten());
                break;
            case DropoutSpec d:
                b.Then(name, new Dropout(d.P));
                break;
            case ResidualSpec r:
                ResNet.BasicBlock(b, name, b.Last, shape.Channels, r.OutChannels, r.Stride, r.Shortcut);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(spec), spec.GetType().Name, "unknown module spec");
        }
    }
}
