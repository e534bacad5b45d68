namespace Crossbar.Import.Onnx;

/// <summary>
/// A tensor known at import time (an initializer, a Constant node, or a folded shape computation): values as double,
/// which holds every float32 and every int64 an ONNX shape uses exactly, and its dimensions.
/// </summary>
public sealed record OnnxConstant(double[] Values, long[] Dims)
{
    public long Count => Dims.Aggregate(1L, (a, b) => a * b);

    public float[] Floats() => Values.Select(v => (float)v).ToArray();

    public long[] Longs() => Values.Select(v => (long)v).ToArray();

    public string DimsText => $"[{string.Join(", ", Dims)}]";

    /// <summary>Dimensions other than 1 (a bias of [1, C, 1, 1] or [C, 1, 1] is C values over channels).</summary>
    public long[] Squeezed() => Dims.Where(d => d != 1).ToArray();
}
