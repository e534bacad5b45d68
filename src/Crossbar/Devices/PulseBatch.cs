using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Crossbar.Devices;

/// <summary>
/// Helpers for the dense, vectorised pulse path: random words for a run of devices in SIMD, and the scalar
/// fallback that models without a SIMD kernel use for their batch methods.
/// </summary>
public static class PulseBatch
{
    /// <summary>Devices per batch: small enough for the words and a slice of state to stay in L1.</summary>
    public const int Chunk = 512;

    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>True when the AVX-512 kernels can run (F + DQ; used by the jump-table and exponential models).</summary>
    public static bool Avx512 => Avx512F.IsSupported && Avx512DQ.IsSupported;

    /// <summary>
    /// words[j] = <see cref="PulseRandom.Word"/>(key, first + j, set[j] + reset[j]): the same words the scalar path
    /// draws, so the dense path gives bit-identical results.
    /// </summary>
    public static void FillWords(ulong key, int first, ReadOnlySpan<int> set, ReadOnlySpan<int> reset, Span<ulong> words)
    {
        int n = words.Length;
        int j = 0;
        if (Avx512 && n >= 8)
        {
            var vKey = Vector512.Create(key);
            var vGolden = Vector512.Create(Golden);
            var m1 = Vector512.Create(0xBF58476D1CE4E5B9UL);
            var m2 = Vector512.Create(0x94D049BB133111EBUL);
            var lane = Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7);
            ref int s0 = ref Unsafe.AsRef(in set[0]);
            ref int r0 = ref Unsafe.AsRef(in reset[0]);
            for (; j <= n - 8; j += 8)
            {
                var counts = Vector256.LoadUnsafe(ref s0, (nuint)j) + Vector256.LoadUnsafe(ref r0, (nuint)j);
                var pulse = Avx512F.ConvertToVector512Int64(counts).AsUInt64();
                var device = (Vector512.Create((ulong)(uint)(first + j)) + lane) << 36;
                var z = vKey + Avx512DQ.MultiplyLow((device ^ pulse) + Vector512<ulong>.One, vGolden);
                z = Avx512DQ.MultiplyLow(z ^ (z >> 30), m1);
                z = Avx512DQ.MultiplyLow(z ^ (z >> 27), m2);
                (z ^ (z >> 31)).StoreUnsafe(ref words[0], (nuint)j);
            }
        }
        for (; j < n; j++)
        {
            words[j] = PulseRandom.Word(key, first + j, set[j] + reset[j]);
        }
    }

    /// <summary>Scalar batch: applies one SET pulse to each device of the run.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetScalar<TModel>(in TModel model, int first, Span<double> g, ReadOnlySpan<ulong> words)
        where TModel : struct, IDeviceModel
    {
        for (int j = 0; j < g.Length; j++)
        {
            g[j] = model.EndEvent(first + j, model.Set(first + j, g[j], words[j]), true, words[j]);
        }
    }

    /// <summary>Scalar batch: applies one RESET pulse to each device of the run.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ResetScalar<TModel>(in TModel model, int first, Span<double> g, ReadOnlySpan<ulong> words)
        where TModel : struct, IDeviceModel
    {
        for (int j = 0; j < g.Length; j++)
        {
            g[j] = model.EndEvent(first + j, model.Reset(first + j, g[j], words[j]), false, words[j]);
        }
    }
}
