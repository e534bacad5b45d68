namespace Crossbar.Modules;

/// <summary>A trainable array with its gradient (∂L/∂θ, accumulated over a batch) and its PyTorch-style dimensions.</summary>
public sealed class Parameter(string name, int[] dims, bool decay)
{
    /// <summary>Name within its module, e.g. "weight" or "bias".</summary>
    public string Name { get; } = name;

    /// <summary>Dimensions in PyTorch order: conv [out, in, kh, kw], linear [out, in], vectors [n].</summary>
    public int[] Dims { get; } = dims;

    public float[] Value { get; } = new float[dims.Aggregate(1, (a, b) => a * b)];

    public float[] Grad { get; } = new float[dims.Aggregate(1, (a, b) => a * b)];

    /// <summary>Whether weight decay applies (weights yes; biases and batch-norm affine parameters no, as is usual).</summary>
    public bool Decay { get; } = decay;

    public int Length => Value.Length;

    public string DimsText => string.Join("×", Dims);
}
