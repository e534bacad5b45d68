namespace Crossbar.Numerics;

/// <summary>The instruction set a <see cref="Gemm"/> micro-kernel uses.</summary>
public enum GemmIsa
{
    /// <summary>Plain loops (any machine); each product is fused as in the vector kernels.</summary>
    Scalar,

    /// <summary>256-bit vectors (AVX2 + FMA, or Arm's 2×128).</summary>
    Vector256,

    /// <summary>512-bit vectors (AVX-512).</summary>
    Vector512,
}
