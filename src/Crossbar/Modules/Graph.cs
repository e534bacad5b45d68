using System.Diagnostics;
using System.Numerics.Tensors;

namespace Crossbar.Modules;

/// <summary>
/// A network as a directed acyclic graph of modules over batched tensors, in topological order (each node reads
/// only the input or earlier nodes); the last node is the output. Forward runs the nodes in order; backward runs
/// them in reverse and sums the gradients of outputs read by several nodes (residual branches) in a fixed order.
/// Tensors are kept between batches, so training allocates nothing per batch after the first.
/// </summary>
public sealed class Graph : ICheckpointState
{
    private readonly Node[] _nodes;
    private readonly Tensor?[][] _gradArgs;
    private readonly Tensor[][] _valueArgs;
    private readonly bool[] _written;
    private readonly (string Name, Parameter Parameter)[] _parameters;
    private readonly EvaluationFusion _fusion;

    internal Graph(Shape input, Node[] nodes)
    {
        if (nodes.Length == 0)
        {
            throw new ArgumentException("a graph needs at least one node", nameof(nodes));
        }
        InputShape = input;
        Input = new Tensor(input);
        InputGrad = new Tensor(input);
        _nodes = nodes;
        _written = new bool[nodes.Length];
        _valueArgs = nodes.Select(n => new Tensor[n.Inputs.Length]).ToArray();
        _gradArgs = nodes.Select(n => new Tensor?[n.Inputs.Length]).ToArray();
        _parameters = nodes.SelectMany(n => n.Module.Parameters.Select(p => ($"{n.Name}.{p.Name}", p))).ToArray();
        _fusion = EvaluationFusion.Plan(nodes);
    }

    /// <summary>
    /// Whether evaluation passes run batch norms and ReLUs fused into the convolution or addition before them
    /// (default; bit-identical, see <see cref="EvaluationFusion"/>). The absorbed nodes' outputs are then not written.
    /// </summary>
    public bool FuseEvaluation { get; set; } = true;

    public Shape InputShape { get; }

    public Shape OutputShape => _nodes[^1].Shape;

    public IReadOnlyList<Node> Nodes => _nodes;

    /// <summary>The batch to run: resize it and fill it before <see cref="Forward"/>.</summary>
    public Tensor Input { get; }

    /// <summary>∂L/∂input after <see cref="Backward"/> with <c>inputGradient: true</c>.</summary>
    public Tensor InputGrad { get; }

    public Tensor Output => _nodes[^1].Value;

    /// <summary>∂L/∂output, sized to the batch by <see cref="Forward"/>: fill it, then call <see cref="Backward"/>.</summary>
    public Tensor OutputGrad => _nodes[^1].Grad;

    /// <summary>Every parameter with its qualified name ("layer1.0.conv1.weight"), in node order.</summary>
    public IReadOnlyList<(string Name, Parameter Parameter)> Parameters => _parameters;

    public long ParameterCount => _parameters.Sum(p => (long)p.Parameter.Length);

    /// <summary>Multiply-accumulates of one example's forward pass.</summary>
    public long MacsPerExample
    {
        get
        {
            long total = 0;
            foreach (var n in _nodes)
            {
                var shapes = n.Inputs.Select(i => i < 0 ? InputShape : _nodes[i].Shape).ToArray();
                total += n.Module.MacsPerExample(shapes);
            }
            return total;
        }
    }

    /// <summary>When set, every node's forward and backward time is added to it (benchmarks).</summary>
    public GraphProfile? Profile { get; set; }

    /// <summary>
    /// Checkpoint state: every parameter and buffer by qualified name, then the state of modules that carry some
    /// between batches (dropout's mask stream). Gradients are overwritten by every batch and not saved.
    /// </summary>
    public void SaveState(BinaryWriter writer)
    {
        writer.Write((long)_nodes.Length);
        foreach (var node in _nodes)
        {
            writer.Write(node.Name);
            foreach (var p in node.Module.Parameters)
            {
                StateIO.WriteArray<float>(writer, p.Value);
            }
            foreach (var (_, values) in node.Module.Buffers)
            {
                StateIO.WriteArray<float>(writer, values);
            }
            (node.Module as ICheckpointState)?.SaveState(writer);
        }
    }

    public void LoadState(BinaryReader reader)
    {
        StateIO.Expect(reader, _nodes.Length, "module count");
        foreach (var node in _nodes)
        {
            string name = reader.ReadString();
            if (name != node.Name)
            {
                throw new InvalidDataException($"module '{name}' saved where this network has '{node.Name}'");
            }
            foreach (var p in node.Module.Parameters)
            {
                StateIO.ReadArray<float>(reader, p.Value, $"{node.Name}.{p.Name}");
            }
            foreach (var (buffer, values) in node.Module.Buffers)
            {
                StateIO.ReadArray<float>(reader, values, $"{node.Name}.{buffer}");
            }
            (node.Module as ICheckpointState)?.LoadState(reader);
        }
    }

    /// <summary>
    /// A graph with the same wiring in which <paramref name="replace"/> may swap a node's module for another with the
    /// same output shape (e.g. a float convolution for its analog twin; null keeps the module). Modules that are kept
    /// are shared with this graph, so the two must not run at the same time.
    /// </summary>
    public Graph Convert(Func<Node, Module?> replace)
    {
        var nodes = new Node[_nodes.Length];
        for (int k = 0; k < _nodes.Length; k++)
        {
            var node = _nodes[k];
            var module = replace(node) ?? node.Module;
            if (!ReferenceEquals(module, node.Module))
            {
                module.Name = node.Name;
                var shapes = node.Inputs.Select(i => i < 0 ? InputShape : _nodes[i].Shape).ToArray();
                if (module.OutputShape(shapes) != node.Shape)
                {
                    throw new ArgumentException($"{node.Name}: the replacement {module.Kind} gives {module.OutputShape(shapes)}, not {node.Shape}");
                }
            }
            nodes[k] = new Node(module, node.Inputs, node.Shape);
        }
        return new Graph(InputShape, nodes) { FuseEvaluation = FuseEvaluation };
    }

    public Module Find(string name) =>
        _nodes.FirstOrDefault(n => n.Name == name)?.Module ?? throw new KeyNotFoundException($"no module named '{name}'");

    /// <summary>Runs every node on <see cref="Input"/> (its current batch) and returns the output.</summary>
    public Tensor Forward(ForwardMode mode, WorkerPool pool)
    {
        int batch = Input.Batch;
        bool fuse = FuseEvaluation && mode == ForwardMode.Evaluate;
        for (int k = 0; k < _nodes.Length; k++)
        {
            var node = _nodes[k];
            if (fuse && _fusion.Absorbed[k])
            {
                continue;
            }
            var args = _valueArgs[k];
            for (int i = 0; i < args.Length; i++)
            {
                args[i] = Value(node.Inputs[i]);
            }
            long t0 = Profile is null ? 0 : Stopwatch.GetTimestamp();
            if (fuse && _fusion.Epilogues[k] is { } epilogue)
            {
                var target = _nodes[_fusion.Targets[k]].Value;
                target.Resize(batch);
                epilogue.Refresh();
                ((IEvaluationFusion)node.Module).ForwardFused(args, target, epilogue, pool);
            }
            else
            {
                node.Value.Resize(batch);
                node.Module.Forward(args, node.Value, mode, pool);
            }
            Profile?.AddForward(k, Stopwatch.GetTimestamp() - t0);
        }
        OutputGrad.Resize(batch);
        return Output;
    }

    /// <summary>
    /// Back-propagates ∂L/∂output (in <see cref="OutputGrad"/>, which the caller fills) through
    /// the last training forward pass; parameter gradients are overwritten.
    /// </summary>
    public void Backward(WorkerPool pool, bool inputGradient = false)
    {
        int batch = Input.Batch;
        Array.Clear(_written);
        _written[^1] = true;
        InputGrad.Resize(batch);
        bool inputWritten = false;
        for (int k = _nodes.Length - 1; k >= 0; k--)
        {
            var node = _nodes[k];
            var args = _valueArgs[k];
            var grads = _gradArgs[k];
            int scratchUsed = 0;
            for (int i = 0; i < args.Length; i++)
            {
                int j = node.Inputs[i];
                args[i] = Value(j);
                if (j < 0)
                {
                    grads[i] = !inputGradient ? null : inputWritten ? Scratch(node, scratchUsed++, InputShape, batch) : InputGrad;
                    inputWritten |= inputGradient;
                }
                else if (!_written[j])
                {
                    _nodes[j].Grad.Resize(batch);
                    grads[i] = _nodes[j].Grad;
                    _written[j] = true;
                }
                else
                {
                    grads[i] = Scratch(node, scratchUsed++, _nodes[j].Shape, batch);
                }
            }
            long t0 = Profile is null ? 0 : Stopwatch.GetTimestamp();
            node.Module.Backward(args, node.Value, node.Grad, grads, pool);
            Profile?.AddBackward(k, Stopwatch.GetTimestamp() - t0);
            // Second and later consumers of an output add their share in argument order.
            scratchUsed = 0;
            for (int i = 0; i < args.Length; i++)
            {
                int j = node.Inputs[i];
                var target = j < 0 ? InputGrad : _nodes[j].Grad;
                if (grads[i] is not null && !ReferenceEquals(grads[i], target))
                {
                    var g = target.Span;
                    TensorPrimitives.Add(g, node.FanOutScratch[scratchUsed++].Span, g);
                }
            }
        }
    }

    private Tensor Value(int index) => index < 0 ? Input : _nodes[index].Value;

    private static Tensor Scratch(Node consumer, int slot, Shape shape, int batch)
    {
        while (consumer.FanOutScratch.Count <= slot)
        {
            consumer.FanOutScratch.Add(new Tensor(shape));
        }
        var t = consumer.FanOutScratch[slot];
        t.Resize(batch);
        return t;
    }
}
