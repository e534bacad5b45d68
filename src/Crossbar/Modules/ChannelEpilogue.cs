using System.Numerics.Tensors;
using Crossbar.Numerics;

namespace Crossbar.Modules;

/// <summary>
/// Work folded into the end of a module's evaluation pass: an evaluation-mode batch norm (the per-channel affine map
/// y = x·scale + shift) and/or max(0, ·), applied in place to each example while it is still in cache. The kernels
/// are those the separate modules call, in the same order, so a fused pass is bit-identical to the unfused one.
/// </summary>
public sealed class ChannelEpilogue
{
    public ChannelEpilogue(int channels, IChannelAffine? affine, bool relu)
    {
        Affine = affine;
        Relu = relu;
        Scale = new float[affine is null ? 0 : channels];
        Shift = new float[Scale.Length];
    }

    /// <summary>The absorbed batch norm, or null when only the ReLU is fused.</summary>
    public IChannelAffine? Affine { get; }

    public bool Relu { get; }

    public float[] Scale { get; }

    public float[] Shift { get; }

    /// <summary>Reads the absorbed module's present scale and shift (called before every fused pass).</summary>
    public void Refresh() => Affine?.EvaluationAffine(Scale, Shift);

    /// <summary>Applies the epilogue to one example (C planes of <paramref name="pixels"/> values), in place.</summary>
    public void Apply(Span<float> example, int pixels)
    {
        if (Affine is not null)
        {
            for (int c = 0; c < Scale.Length; c++)
            {
                var plane = example.Slice(c * pixels, pixels);
                PlaneKernels.Affine(plane, Scale[c], Shift[c], plane);
            }
        }
        if (Relu)
        {
            TensorPrimitives.Max(example, 0f, example);
        }
    }
}
