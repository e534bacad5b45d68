namespace Crossbar.Modules;

/// <summary>
/// A batch of N examples of one <see cref="Modules.Shape"/>, stored NCHW in one array. The array is kept when a
/// smaller batch follows a larger one, so the per-batch loop allocates nothing after the first batch.
/// </summary>
public sealed class Tensor
{
    private float[] _data;

    public Tensor(Shape shape, int batch = 0)
    {
        Shape = shape;
        _data = new float[(long)batch * shape.Size];
        Batch = batch;
    }

    public Shape Shape { get; }

    public int Batch { get; private set; }

    /// <summary>Floats per example.</summary>
    public int Stride => Shape.Size;

    public int Length => Batch * Shape.Size;

    /// <summary>The whole batch (length N·C·H·W; the backing array may be longer).</summary>
    public Span<float> Span => _data.AsSpan(0, Length);

    /// <summary>The backing array (for kernels that need it; only the first <see cref="Length"/> values are live).</summary>
    public float[] Array => _data;

    public Span<float> Example(int n) => _data.AsSpan(n * Stride, Stride);

    /// <summary>Channel c of example n (H·W values).</summary>
    public Span<float> Plane(int n, int c) => _data.AsSpan((n * Shape.Channels + c) * Shape.Pixels, Shape.Pixels);

    /// <summary>Sets the batch size, growing the buffer only when it is too small (contents are then undefined).</summary>
    public void Resize(int batch)
    {
        long need = (long)batch * Shape.Size;
        if (need > int.MaxValue)
        {
            throw new InvalidOperationException($"a batch of {batch} × {Shape} does not fit one array");
        }
        if (_data.Length < need)
        {
            _data = new float[need];
        }
        Batch = batch;
    }

    public void Clear() => Span.Clear();
}
