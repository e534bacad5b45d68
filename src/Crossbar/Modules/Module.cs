namespace Crossbar.Modules;

/// <summary>
/// One operation of a network graph over batched tensors (NCHW, or N×F for flat features). A module owns its
/// parameters and its scratch buffers; the graph owns the tensors between modules.
/// Gradient convention: <c>Backward</c> receives ∂L/∂output and writes ∂L/∂input (overwriting) and ∂L/∂θ into
/// <see cref="Parameter.Grad"/> (overwriting). Device-aware rules that use the papers' δ = −∂L/∂z negate it.
/// </summary>
public abstract class Module
{
    /// <summary>Unique path in the graph, e.g. "stage2.block0.conv1" (set when the module is added).</summary>
    public string Name { get; internal set; } = "";

    /// <summary>The operation's name in experiment files and model files, e.g. "conv2d".</summary>
    public abstract string Kind { get; }

    /// <summary>Number of inputs (2 for residual addition).</summary>
    public virtual int Arity => 1;

    public virtual IReadOnlyList<Parameter> Parameters => [];

    /// <summary>Non-trained state saved with the model (batch-norm running statistics).</summary>
    public virtual IReadOnlyList<(string Name, float[] Values)> Buffers => [];

    /// <summary>The output shape for these input shapes; throws <see cref="ShapeException"/> naming the module otherwise.</summary>
    public abstract Shape OutputShape(ReadOnlySpan<Shape> inputs);

    /// <summary>Draws initial parameters from the module's own counter-based stream.</summary>
    public virtual void Initialize(ulong seed)
    {
    }

    public abstract void Forward(ReadOnlySpan<Tensor> inputs, Tensor output, ForwardMode mode, WorkerPool pool);

    /// <summary>
    /// Given the inputs and output of the last training forward pass and ∂L/∂output, writes ∂L/∂input into each
    /// non-null <paramref name="inputGrads"/> and the parameter gradients.
    /// </summary>
    public abstract void Backward(ReadOnlySpan<Tensor> inputs, Tensor output, Tensor outputGrad, ReadOnlySpan<Tensor?> inputGrads, WorkerPool pool);

    /// <summary>Multiply-accumulates of one example's forward pass (for FLOP counts in benchmarks).</summary>
    public virtual long MacsPerExample(ReadOnlySpan<Shape> inputs) => 0;

    /// <summary>One line for listings, e.g. "conv2d 16→32 3×3 stride 2".</summary>
    public virtual string Describe() => Kind;

    protected ShapeException Mismatch(string problem) => new($"{Name} ({Kind}): {problem}");
}
