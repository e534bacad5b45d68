using System.Numerics.Tensors;

namespace Crossbar.Numerics;

/// <summary>
/// Blocks of standard normal deviates in float for per-MVM noise (millions per second per core): Box–Muller on two
/// 24-bit uniforms from one counter-based hash (<see cref="CounterRng.At"/>), with the logarithm, square root and
/// sine/cosine vectorised over chunks. A block is a pure function of (key, counter, length), so results do not depend on
/// threads or batch sizes when callers derive the counter from the example index. The smallest uniform is 2⁻²⁴, which
/// caps |z| at √(2·24·ln 2) ≈ 5.8 (a tail mass of 7·10⁻⁹, immaterial for read noise).
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
        Span<float> theta = stackalloc float[Pairs];
        Span<float> sin = stackalloc float[Pairs];
        Span<float> cos = stackalloc float[Pairs];
        const float Unit = 1f / (1 << 24);
        for (int start = 0; start < dest.Length; start += 2 * Pairs)
        {
            int n = Math.Min(2 * Pairs, dest.Length - start);
            int pairs = (n + 1) / 2;
            for (int q = 0; q < pairs; q++)
            {
                ulong h = CounterRng.At(key, counter + (ulong)q);
                r[q] = ((h >> 40) + 1) * Unit;          // (0, 1]
                theta[q] = (h & 0xFFFFFF) * Unit;       // [0, 1)
            }
            counter += (ulong)pairs;
            var rs = r[..pairs];
            var ts = theta[..pairs];
            TensorPrimitives.Log(rs, rs);
            TensorPrimitives.Multiply(rs, -2f, rs);
            TensorPrimitives.Sqrt(rs, rs);
            TensorPrimitives.Multiply(ts, 2f * MathF.PI, ts);
            TensorPrimitives.SinCos(ts, sin[..pairs], cos[..pairs]);
            var d = dest.Slice(start, n);
            int first = Math.Min(pairs, n);
            TensorPrimitives.Multiply(rs[..first], cos[..first], d[..first]);
            if (n > first)
            {
                TensorPrimitives.Multiply(rs[..(n - first)], sin[..(n - first)], d[first..]);
            }
        }
    }
}
