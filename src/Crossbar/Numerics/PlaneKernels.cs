using System.Runtime.Intrinsics;

namespace Crossbar.Numerics;

/// <summary>
/// Vectorised kernels over one feature plane for batch normalisation: sums as lane-wise partials (two vectors, so
/// the adds overlap) then the lanes in a fixed order, which depends only on the plane's length, never on threads;
/// and the per-channel affine map.
/// </summary>
public static class PlaneKernels
{
    /// <summary>(Σx, Σx²) of a plane.</summary>
    public static (float Sum, float SumOfSquares) SumAndSquares(ReadOnlySpan<float> x)
    {
        int i = 0;
        float s = 0, q = 0;
        if (Vector512.IsHardwareAccelerated && x.Length >= 32)
        {
            Vector512<float> s0 = default, s1 = default, q0 = default, q1 = default;
            for (; i + 32 <= x.Length; i += 32)
            {
                var a = Vector512.Create(x.Slice(i, 16));
                var b = Vector512.Create(x.Slice(i + 16, 16));
                s0 += a;
                s1 += b;
                q0 = Vector512.FusedMultiplyAdd(a, a, q0);
                q1 = Vector512.FusedMultiplyAdd(b, b, q1);
            }
            s = Vector512.Sum(s0 + s1);
            q = Vector512.Sum(q0 + q1);
        }
        else if (Vector256.IsHardwareAccelerated && x.Length >= 16)
        {
            Vector256<float> s0 = default, s1 = default, q0 = default, q1 = default;
            for (; i + 16 <= x.Length; i += 16)
            {
                var a = Vector256.Create(x.Slice(i, 8));
                var b = Vector256.Create(x.Slice(i + 8, 8));
                s0 += a;
                s1 += b;
                q0 = Vector256.FusedMultiplyAdd(a, a, q0);
                q1 = Vector256.FusedMultiplyAdd(b, b, q1);
            }
            s = Vector256.Sum(s0 + s1);
            q = Vector256.Sum(q0 + q1);
        }
        for (; i < x.Length; i++)
        {
            s += x[i];
            q = MathF.FusedMultiplyAdd(x[i], x[i], q);
        }
        return (s, q);
    }

    /// <summary>(Σg, Σg·(x − mean)) of a plane.</summary>
    public static (float Sum, float SumOfProducts) SumAndCentredProducts(ReadOnlySpan<float> g, ReadOnlySpan<float> x, float mean)
    {
        int i = 0;
        float s = 0, q = 0;
        if (Vector512.IsHardwareAccelerated && x.Length >= 32)
        {
            var m = Vector512.Create(mean);
            Vector512<float> s0 = default, s1 = default, q0 = default, q1 = default;
            for (; i + 32 <= x.Length; i += 32)
            {
                var a = Vector512.Create(g.Slice(i, 16));
                var b = Vector512.Create(g.Slice(i + 16, 16));
                s0 += a;
                s1 += b;
                q0 = Vector512.FusedMultiplyAdd(a, Vector512.Create(x.Slice(i, 16)) - m, q0);
                q1 = Vector512.FusedMultiplyAdd(b, Vector512.Create(x.Slice(i + 16, 16)) - m, q1);
            }
            s = Vector512.Sum(s0 + s1);
            q = Vector512.Sum(q0 + q1);
        }
        else if (Vector256.IsHardwareAccelerated && x.Length >= 16)
        {
            var m = Vector256.Create(mean);
            Vector256<float> s0 = default, s1 = default, q0 = default, q1 = default;
            for (; i + 16 <= x.Length; i += 16)
            {
                var a = Vector256.Create(g.Slice(i, 8));
                var b = Vector256.Create(g.Slice(i + 8, 8));
                s0 += a;
                s1 += b;
                q0 = Vector256.FusedMultiplyAdd(a, Vector256.Create(x.Slice(i, 8)) - m, q0);
                q1 = Vector256.FusedMultiplyAdd(b, Vector256.Create(x.Slice(i + 8, 8)) - m, q1);
            }
            s = Vector256.Sum(s0 + s1);
            q = Vector256.Sum(q0 + q1);
        }
        for (; i < x.Length; i++)
        {
            s += g[i];
            q = MathF.FusedMultiplyAdd(g[i], x[i] - mean, q);
        }
        return (s, q);
    }

    /// <summary>y = x·scale + shift (fused), in place allowed.</summary>
    public static void Affine(ReadOnlySpan<float> x, float scale, float shift, Span<float> y)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var a = Vector512.Create(scale);
            var b = Vector512.Create(shift);
            for (; i + 16 <= x.Length; i += 16)
            {
                Vector512.FusedMultiplyAdd(Vector512.Create(x.Slice(i, 16)), a, b).CopyTo(y.Slice(i, 16));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var a = Vector256.Create(scale);
            var b = Vector256.Create(shift);
            for (; i + 8 <= x.Length; i += 8)
            {
                Vector256.FusedMultiplyAdd(Vector256.Create(x.Slice(i, 8)), a, b).CopyTo(y.Slice(i, 8));
            }
        }
        for (; i < x.Length; i++)
        {
            y[i] = MathF.FusedMultiplyAdd(x[i], scale, shift);
        }
    }
}
