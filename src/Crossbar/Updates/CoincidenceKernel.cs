using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Crossbar.Updates;

/// <summary>
/// SIMD coincidence counting for trains of up to 32 slots (003's BL ≤ 32, 000's 16 slots): sixteen column trains at a
/// time, popcount(row ∧ column) by the SWAR bit count, the pair's G⁺/G⁻ counts chosen by the sign of x·δ, and the
/// devices that receive pulses compressed into compact lists (register compress + full store: on AMD Zen 4 the
/// memory form of vpcompressd is microcoded and slow).
/// </summary>
internal static class CoincidenceKernel
{
    public const int Lanes = 16;

    public static bool Supported => Avx512F.IsSupported;

    /// <summary>
    /// Counts the first ⌊n/16⌋·16 active columns; the caller finishes the rest. Listed devices are cells
    /// <paramref name="cellOffset"/> + column. The output spans need 16 entries of slack past the last device written. Returns the number of devices listed; <paramref name="done"/> is the
    /// number of columns handled.
    /// </summary>
    public static int Count(uint row, int rowSign, bool setOnly, bool pair, ReadOnlySpan<uint> set, ReadOnlySpan<uint> reset,
                            ReadOnlySpan<int> sign, ReadOnlySpan<int> columns, int cellOffset, Span<int> touched, Span<int> plus,
                            Span<int> minus, out int done)
    {
        int n = columns.Length;
        bool hasReset = !reset.IsEmpty;
        var r = Vector512.Create(row);
        var si = Vector512.Create(rowSign);
        var zero = Vector512<int>.Zero;
        var offset = Vector512.Create(cellOffset);
        ref uint set0 = ref Unsafe.AsRef(in set[0]);
        ref uint reset0 = ref hasReset ? ref Unsafe.AsRef(in reset[0]) : ref set0;
        ref int sign0 = ref Unsafe.AsRef(in sign[0]);
        ref int col0 = ref Unsafe.AsRef(in columns[0]);
        int t = 0;
        int k = 0;
        for (; k <= n - Lanes; k += Lanes)
        {
            var s = PopCount(r & Vector512.LoadUnsafe(ref set0, (nuint)k));
            var rs = hasReset ? PopCount(r & Vector512.LoadUnsafe(ref reset0, (nuint)k)) : s;
            var up = Vector512.GreaterThan(Vector512.LoadUnsafe(ref sign0, (nuint)k) * si, zero);
            var down = setOnly ? zero : -rs;
            var p = Vector512.ConditionalSelect(up, s, down);
            var m = pair ? Vector512.ConditionalSelect(up, down, s) : zero;
            var any = ~Vector512.Equals(p | m, zero);
            ulong bits = any.ExtractMostSignificantBits();
            if (bits == 0)
            {
                continue;
            }
            Avx512F.Compress(zero, any, Vector512.LoadUnsafe(ref col0, (nuint)k) + offset).StoreUnsafe(ref touched[t]);
            Avx512F.Compress(zero, any, p).StoreUnsafe(ref plus[t]);
            Avx512F.Compress(zero, any, m).StoreUnsafe(ref minus[t]);
            t += System.Numerics.BitOperations.PopCount(bits);
        }
        done = k;
        return t;
    }

    /// <summary>Bits set in each 32-bit lane (SWAR: pairs, nibbles, bytes, then a multiply sums the bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<int> PopCount(Vector512<uint> x)
    {
        x -= (x >> 1) & Vector512.Create(0x55555555u);
        x = (x & Vector512.Create(0x33333333u)) + ((x >> 2) & Vector512.Create(0x33333333u));
        x = (x + (x >> 4)) & Vector512.Create(0x0F0F0F0Fu);
        return ((x * Vector512.Create(0x01010101u)) >> 24).AsInt32();
    }
}
