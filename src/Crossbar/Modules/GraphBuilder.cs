namespace Crossbar.Modules;

/// <summary>
/// Builds a <see cref="Graph"/> node by node, inferring every shape as it goes, so a mismatch is reported at the
/// module that cannot take its input (naming it and both shapes).
/// </summary>
public sealed class GraphBuilder(Shape input)
{
    /// <summary>The graph input, as an argument of <see cref="Add(string, Module, int[])"/>.</summary>
    public const int Input = -1;

    private readonly List<Node> _nodes = [];
    private readonly HashSet<string> _names = [];

    public Shape InputShape { get; } = input;

    /// <summary>Index of the last node added (the graph input before any).</summary>
    public int Last => _nodes.Count - 1;

    public Shape ShapeOf(int node) => node < 0 ? InputShape : _nodes[node].Shape;

    /// <summary>Adds a module reading the given nodes; returns its index.</summary>
    public int Add(string name, Module module, params int[] inputs)
    {
        if (!_names.Add(name))
        {
            throw new ArgumentException($"two modules are named '{name}'");
        }
        if (inputs.Length != module.Arity)
        {
            throw new ArgumentException($"{name} ({module.Kind}) takes {module.Arity} input(s), not {inputs.Length}");
        }
        foreach (int i in inputs)
        {
            if (i < Input || i >= _nodes.Count)
            {
                throw new ArgumentException($"{name}: input node {i} does not exist yet");
            }
        }
        module.Name = name;
        var shapes = inputs.Select(ShapeOf).ToArray();
        var shape = module.OutputShape(shapes);
        _nodes.Add(new Node(module, inputs, shape));
        return _nodes.Count - 1;
    }

    /// <summary>Adds a module reading the last node.</summary>
    public int Then(string name, Module module) => Add(name, module, Last);

    /// <summary>The graph, with every module initialised from <paramref name="seed"/>.</summary>
    public Graph Build(ulong seed)
    {
        foreach (var n in _nodes)
        {
            n.Module.Initialize(seed);
        }
        return new Graph(InputShape, [.. _nodes]);
    }
}
