using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Crossbar.Numerics;

/// <summary>
/// Blocks of standard normal deviates in float for per-MVM noise (a few hundred million per second per core):
/// Box–Muller on one counter-based hash (<see cref="CounterRng.At"/>) per pair, vectorised over chunks. Each hash gives a
/// 24-bit uniform for the radius, a 22-bit uniform for an angle a in [0, π/2) and two sign bits: the pair
/// (±r·cos a, ±r·sin a) has a uniform angle on the circle, as (r·cos θ, r·sin θ) with θ uniform on [0, 2π) has, so only
/// a quarter period of sine and cosine is needed, by polynomials on [−π/4, π/4] accurate to float rounding.
/// A block is a pure function of (key, counter, length), so results do not depend on threads or batch sizes when callers
/// derive the counter from the example index. The smallest uniform is 2⁻²⁴, which caps |z| at √(2·24·ln 2) ≈ 5.8
/// (a tail mass of 7·10⁻⁹, immaterial for read noise).
/// </summary>
public static class GaussianBlock
{
    private const int Pairs = 256;

    /// <summary>Hashes consumed by a block of <paramref name="length"/> deviates (advance the counter by this much).</summary>
    public static ulong Hashes(int length) => (ulong)((length + 1) / 2);

    /// <summary>
    /// Fills <paramref name="dest"/> with N(0, 1) deviates using hashes counter … counter + <see cref="Hashes"/>(length) − 1.
    /// Within each chunk of 2·256 values, the first half are the cosine and the second half the sine branch of the pairs.
    /// </summary>
    public static void Fill(ulong key, ulong counter, Span<float> dest)
    {
        Span<float> r = stackalloc float[Pairs];
        Span<float> angle = stackalloc float[Pairs];
        Span<float> cosSign = stackalloc float[Pairs];
        Span<float> sinSign = stackalloc float[Pairs];
        Span<float> x = stackalloc float[Pairs];
        Span<float> y = stackalloc float[Pairs];
        for (int start = 0; start < dest.Length; start += 2 * Pairs)
        {
            int n = Math.Min(2 * Pairs, dest.Length - start);
            int pairs = (n + 1) / 2;
            // Whole vectors: the few lanes past `pairs` are computed from zeros and not used.
            int lanes = Math.Min(Pairs, (pairs + Vector<float>.Count - 1) / Vector<float>.Count * Vector<float>.Count);
            Unpack(key, counter, pairs, r, angle, cosSign, sinSign);
            counter += (ulong)pairs;
            var rs = r[..lanes];
            TensorPrimitives.Log(rs, rs);
            TensorPrimitives.Multiply(rs, -2f, rs);
            TensorPrimitives.Sqrt(rs, rs);
            QuarterSinCos(angle[..lanes], x, y);
            TensorPrimitives.Multiply(rs, cosSign[..lanes], cosSign[..lanes]);
            TensorPrimitives.Multiply(rs, sinSign[..lanes], sinSign[..lanes]);
            var d = dest.Slice(start, n);
            int first = Math.Min(pairs, n);
            TensorPrimitives.Multiply(cosSign[..first], x[..first], d[..first]);
            if (n > first)
            {
                TensorPrimitives.Multiply(sinSign[..(n - first)], y[..(n - first)], d[first..]);
            }
        }
    }

    /// <summary>
    /// The hashes of pairs 0 … <paramref name="pairs"/> − 1 unpacked into the radius uniform, the angle uniform and the two
    /// signs; eight hashes at a time where 256-bit integer vectors run in hardware (the same integers as the scalar loop).
    /// </summary>
    private static void Unpack(ulong key, ulong counter, int pairs, Span<float> r, Span<float> angle, Span<float> cosSign, Span<float> sinSign)
    {
        const float Unit24 = 1f / (1 << 24);
        const float Unit22 = 1f / (1 << 22);
        int q = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            // CounterRng.At(key, i) = Mix(key + (i + 1)·golden): consecutive indices step the argument by golden.
            const ulong G = CounterRng.GoldenGamma;
            ulong first = key + (counter + 1) * G;
            var z0 = Vector256.Create(first, unchecked(first + G), unchecked(first + 2 * G), unchecked(first + 3 * G));
            var z1 = z0 + Vector256.Create(unchecked(4 * G));
            var stride = Vector256.Create(unchecked(8 * G));
            var one = Vector256.Create(0x3F800000u);
            var angleMask = Vector256.Create(0x3FFFFFu);
            var unit24 = Vector256.Create(Unit24);
            var unit22 = Vector256.Create(Unit22);
            for (; q + 8 <= pairs; q += 8)
            {
                var h0 = Mix(z0);
                var h1 = Mix(z1);
                z0 += stride;
                z1 += stride;
                var high = Vector256.Narrow(h0 >>> 40, h1 >>> 40);
                var low = Vector256.Narrow(h0, h1);
                var rv = (Vector256.ConvertToSingle(high.AsInt32()) + Vector256<float>.One) * unit24;
                var av = Vector256.ConvertToSingle(((low >>> 2) & angleMask).AsInt32()) * unit22;
                rv.StoreUnsafe(ref r[q]);
                av.StoreUnsafe(ref angle[q]);
                (one | (low << 31)).AsSingle().StoreUnsafe(ref cosSign[q]);
                (one | ((low >>> 1) << 31)).AsSingle().StoreUnsafe(ref sinSign[q]);
            }
        }
        for (; q < pairs; q++)
        {
            ulong h = CounterRng.At(key, counter + (ulong)q);
            r[q] = ((h >> 40) + 1) * Unit24;                                        // (0, 1]
            angle[q] = (((uint)h >> 2) & 0x3FFFFF) * Unit22;                        // [0, 1) of a quarter turn
            cosSign[q] = BitConverter.Int32BitsToSingle(0x3F800000 | (int)((uint)h << 31));
            sinSign[q] = BitConverter.Int32BitsToSingle(0x3F800000 | (int)(((uint)h >> 1) << 31));
        }
    }

    /// <summary><see cref="CounterRng.Mix"/> on four lanes.</summary>
    private static Vector256<ulong> Mix(Vector256<ulong> z)
    {
        z = (z ^ (z >>> 30)) * Vector256.Create(0xBF58476D1CE4E5B9UL);
        z = (z ^ (z >>> 27)) * Vector256.Create(0x94D049BB133111EBUL);
        return z ^ (z >>> 31);
    }

    /// <summary>
    /// cos and sin of a = u·π/2 for u in [0, 1], as cos/sin of b = a − π/4 by Taylor polynomials to b⁹ (|b| ≤ π/4,
    /// truncation below 3·10⁻⁸) rotated by π/4. <paramref name="u"/>'s length is a multiple of the vector width.
    /// </summary>
    internal static void QuarterSinCos(ReadOnlySpan<float> u, Span<float> cos, Span<float> sin)
    {
        var uv = MemoryMarshal.Cast<float, Vector<float>>(u);
        var cv = MemoryMarshal.Cast<float, Vector<float>>(cos);
        var sv = MemoryMarshal.Cast<float, Vector<float>>(sin);
        var halfPi = new Vector<float>(MathF.PI / 2);
        var quarterPi = new Vector<float>(MathF.PI / 4);
        var root = new Vector<float>(MathF.Sqrt(0.5f));
        for (int i = 0; i < uv.Length; i++)
        {
            var b = uv[i] * halfPi - quarterPi;
            var b2 = b * b;
            // sin b = b(1 − b²/6 + b⁴/120 − b⁶/5040 + b⁸/362880), cos b = 1 − b²/2 + b⁴/24 − b⁶/720 + b⁸/40320 (Horner).
            var s = b * (Vector<float>.One + b2 * (new Vector<float>(-1f / 6) + b2 * (new Vector<float>(1f / 120)
                + b2 * (new Vector<float>(-1f / 5040) + b2 * new Vector<float>(1f / 362880)))));
            var c = Vector<float>.One + b2 * (new Vector<float>(-0.5f) + b2 * (new Vector<float>(1f / 24)
                + b2 * (new Vector<float>(-1f / 720) + b2 * new Vector<float>(1f / 40320))));
            cv[i] = (c - s) * root;
            sv[i] = (s + c) * root;
        }
    }
}
