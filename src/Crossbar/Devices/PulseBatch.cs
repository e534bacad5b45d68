using System.Numerics;
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

    /// <summary>The words <see cref="PulseRandom.Word"/>(key, devices[l], pulses[l]) of eight devices (AVX-512).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ulong> Words8(ulong key, Vector256<int> devices, Vector256<int> pulses)
    {
        var device = Avx512F.ConvertToVector512Int64(devices.AsUInt32()).AsUInt64() << 36;
        var pulse = Avx512F.ConvertToVector512Int64(pulses).AsUInt64();
        var z = Vector512.Create(key) + Avx512DQ.MultiplyLow((device ^ pulse) + Vector512<ulong>.One, Vector512.Create(Golden));
        z = Avx512DQ.MultiplyLow(z ^ (z >> 30), Vector512.Create(0xBF58476D1CE4E5B9UL));
        z = Avx512DQ.MultiplyLow(z ^ (z >> 27), Vector512.Create(0x94D049BB133111EBUL));
        return z ^ (z >> 31);
    }

    /// <summary>
    /// Eight <see cref="PulseRandom.Gaussian"/> deviates at once, bit-identical to the scalar ones: the central region
    /// of the quantile (95 % of draws) is the same rational function evaluated in the same order (no fused
    /// multiply-add), and lanes in the tails are computed by the scalar routine.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Gaussian8(Vector512<ulong> words)
    {
        const double pLow = 0.02425;
        var p = (Avx512DQ.ConvertToVector512Double((words >> 8) & Vector512.Create(0xFFFFFFUL)) + Vector512.Create(0.5))
                * Vector512.Create(1.0 / (1 << 24));
        var q = p - Vector512.Create(0.5);
        var r = q * q;
        var num = ((((Vector512.Create(-3.969683028665376e+01) * r + Vector512.Create(2.209460984245205e+02)) * r
                     - Vector512.Create(2.759285104469687e+02)) * r + Vector512.Create(1.383577518672690e+02)) * r
                   - Vector512.Create(3.066479806614716e+01)) * r + Vector512.Create(2.506628277459239e+00);
        var den = ((((Vector512.Create(-5.447609879822406e+01) * r + Vector512.Create(1.615858368580409e+02)) * r
                     - Vector512.Create(1.556989798598866e+02)) * r + Vector512.Create(6.680131188771972e+01)) * r
                   - Vector512.Create(1.328068155288572e+01)) * r + Vector512<double>.One;
        var z = num * q / den;
        var tail = Vector512.LessThanOrEqual(p, Vector512.Create(pLow)) | Vector512.GreaterThanOrEqual(p, Vector512.Create(1 - pLow));
        ulong lanes = tail.ExtractMostSignificantBits();
        if (lanes != 0)
        {
            z = FixTails(z, words, lanes);
        }
        return z;
    }

    private static Vector512<double> FixTails(Vector512<double> z, Vector512<ulong> words, ulong lanes)
    {
        while (lanes != 0)
        {
            int l = BitOperations.TrailingZeroCount(lanes);
            z = z.WithElement(l, PulseRandom.Gaussian(words.GetElement(l)));
            lanes &= lanes - 1;
        }
        return z;
    }

    /// <summary>The scalar meaning of <see cref="IDeviceModel.Run8"/>: one SetRun/ResetRun call per busy lane.</summary>
    public static void Run8Scalar<TModel>(in TModel model, Vector256<int> devices, ref Vector512<double> g, ref Vector256<int> pulses,
                                          Vector512<ulong> words)
        where TModel : struct, IDeviceModel
    {
        Span<double> gs = stackalloc double[8];
        Span<int> ps = stackalloc int[8];
        g.CopyTo(gs);
        pulses.CopyTo(ps);
        for (int l = 0; l < 8; l++)
        {
            int left = Math.Abs(ps[l]);
            if (ps[l] > 0)
            {
                gs[l] = model.SetRun(devices.GetElement(l), gs[l], ref left, words.GetElement(l));
                ps[l] = left;
            }
            else if (ps[l] < 0)
            {
                gs[l] = model.ResetRun(devices.GetElement(l), gs[l], ref left, words.GetElement(l));
                ps[l] = -left;
            }
        }
        g = Vector512.Create<double>(gs);
        pulses = Vector256.Create<int>(ps);
    }

    /// <summary>A run step of models that apply one pulse at a time: counts the pulse and returns <paramref name="g"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double One(double g, ref int left)
    {
        left--;
        return g;
    }
}
