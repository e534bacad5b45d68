namespace Crossbar.Modules;

/// <summary>A module in a graph, the nodes it reads (−1 = the graph input) and the tensors it owns.</summary>
public sealed class Node
{
    internal Node(Module module, int[] inputs, Shape shape)
    {
        Module = module;
        Inputs = inputs;
        Shape = shape;
        Value = new Tensor(shape);
        Grad = new Tensor(shape);
    }

    public Module Module { get; }

    /// <summary>Indices of the nodes this one reads, in argument order; −1 is the graph input.</summary>
    public int[] Inputs { get; }

    public Shape Shape { get; }

    /// <summary>Output of the last forward pass.</summary>
    public Tensor Value { get; }

    /// <summary>∂L/∂output of the last backward pass.</summary>
    public Tensor Grad { get; }

    /// <summary>Extra buffers for the second and later consumers of this node's output (their gradients are summed).</summary>
    internal List<Tensor> FanOutScratch { get; } = [];

    public string Name => Module.Name;
}
