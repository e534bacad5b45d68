using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Crossbar.Numerics;

/// <summary>
/// The few dense kernels the per-example loop spends its time in, written for short rows (10–800 floats) where the
/// per-call overhead of general-purpose routines matters: y += a·x, x·y, and a fused "dot with the old row, then
/// update the row" used by backward + online update so each weight row is read once.
/// </summary>
public static class Kernels
{
    /// <summary>y += a·x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        int n = y.Length;
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        int i = 0;
        if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            var va = Vector256.Create(a);
            for (; i <= n - 16; i += 16)
            {
                var y0 = Vector256.LoadUnsafe(ref yr, (nuint)i);
                var y1 = Vector256.LoadUnsafe(ref yr, (nuint)(i + 8));
                y0 = Vector256.FusedMultiplyAdd(va, Vector256.LoadUnsafe(ref xr, (nuint)i), y0);
                y1 = Vector256.FusedMultiplyAdd(va, Vector256.LoadUnsafe(ref xr, (nuint)(i + 8)), y1);
                y0.StoreUnsafe(ref yr, (nuint)i);
                y1.StoreUnsafe(ref yr, (nuint)(i + 8));
            }
            for (; i <= n - 8; i += 8)
            {
                var y0 = Vector256.FusedMultiplyAdd(va, Vector256.LoadUnsafe(ref xr, (nuint)i), Vector256.LoadUnsafe(ref yr, (nuint)i));
                y0.StoreUnsafe(ref yr, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            Unsafe.Add(ref yr, i) = MathF.FusedMultiplyAdd(a, Unsafe.Add(ref xr, i), Unsafe.Add(ref yr, i));
        }
    }

    /// <summary>Σ x·y.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        int n = x.Length;
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        int i = 0;
        float sum = 0f;
        if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            var s0 = Vector256<float>.Zero;
            var s1 = Vector256<float>.Zero;
            for (; i <= n - 16; i += 16)
            {
                s0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref xr, (nuint)i), Vector256.LoadUnsafe(ref yr, (nuint)i), s0);
                s1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref xr, (nuint)(i + 8)), Vector256.LoadUnsafe(ref yr, (nuint)(i + 8)), s1);
            }
            for (; i <= n - 8; i += 8)
            {
                s0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref xr, (nuint)i), Vector256.LoadUnsafe(ref yr, (nuint)i), s0);
            }
            sum = Vector256.Sum(s0 + s1);
        }
        for (; i < n; i++)
        {
            sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref xr, i), Unsafe.Add(ref yr, i), sum);
        }
        return sum;
    }

    /// <summary>Returns Σ row·d computed with the row as it was, and then sets row += a·d (one pass over the row).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float DotThenAxpy(Span<float> row, ReadOnlySpan<float> d, float a)
    {
        int n = row.Length;
        ref float rr = ref MemoryMarshal.GetReference(row);
        ref float dr = ref MemoryMarshal.GetReference(d);
        int i = 0;
        float sum = 0f;
        if (Vector256.IsHardwareAccelerated && n >= 8)
        {
            var va = Vector256.Create(a);
            var s0 = Vector256<float>.Zero;
            for (; i <= n - 8; i += 8)
            {
                var r = Vector256.LoadUnsafe(ref rr, (nuint)i);
                var dv = Vector256.LoadUnsafe(ref dr, (nuint)i);
                s0 = Vector256.FusedMultiplyAdd(r, dv, s0);
                Vector256.FusedMultiplyAdd(va, dv, r).StoreUnsafe(ref rr, (nuint)i);
            }
            sum = Vector256.Sum(s0);
        }
        for (; i < n; i++)
        {
            float r = Unsafe.Add(ref rr, i);
            float dv = Unsafe.Add(ref dr, i);
            sum = MathF.FusedMultiplyAdd(r, dv, sum);
            Unsafe.Add(ref rr, i) = MathF.FusedMultiplyAdd(a, dv, r);
        }
        return sum;
    }
}
