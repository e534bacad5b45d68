using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Crossbar.Numerics;

/// <summary>
/// Copies blocks of the operands into the micro-kernel's order (Goto and van de Geijn 2008): A as strips of
/// <see cref="Gemm.MR"/> rows, k-major (MR values per k); B as strips of <see cref="Gemm.NR"/> columns, k-major.
/// Transposes are resolved here, so one kernel serves all four cases; ragged edges are padded with zeros.
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>Packs rows [i0, i0+mc) and depths [p0, p0+kc) of op(A) into <paramref name="dst"/>.</summary>
    public static void PackA(bool transA, float* a, int lda, int i0, int mc, int p0, int kc, float* dst)
    {
        const int mr = Gemm.MR;
        for (int s = 0; s < mc; s += mr)
        {
            int rows = Math.Min(mr, mc - s);
            float* d = dst + (long)s * kc;
            if (transA)
            {
                // op(A)[i, p] = a[p·lda + i]: MR consecutive floats per depth.
                if (rows == mr)
                {
                    for (int p = 0; p < kc; p++)
                    {
                        Vector256.Store(Vector256.Load(a + (long)(p0 + p) * lda + i0 + s), d + p * mr);
                    }
                    continue;
                }
                for (int p = 0; p < kc; p++)
                {
                    float* src = a + (long)(p0 + p) * lda + i0 + s;
                    float* dp = d + p * mr;
                    int r = 0;
                    for (; r < rows; r++)
                    {
                        dp[r] = src[r];
                    }
                    for (; r < mr; r++)
                    {
                        dp[r] = 0f;
                    }
                }
            }
            else if (rows == mr && Avx.IsSupported)
            {
                // Eight rows at a time: 8×8 blocks transposed in registers, then the depth remainder.
                float* src = a + (long)(i0 + s) * lda + p0;
                int p = 0;
                for (; p + 8 <= kc; p += 8)
                {
                    Transpose8x8(src + p, lda, d + p * mr, mr);
                }
                for (; p < kc; p++)
                {
                    for (int r = 0; r < mr; r++)
                    {
                        d[p * mr + r] = src[(long)r * lda + p];
                    }
                }
            }
            else
            {
                for (int r = 0; r < mr; r++)
                {
                    if (r < rows)
                    {
                        float* src = a + (long)(i0 + s + r) * lda + p0;
                        for (int p = 0; p < kc; p++)
                        {
                            d[p * mr + r] = src[p];
                        }
                    }
                    else
                    {
                        for (int p = 0; p < kc; p++)
                        {
                            d[p * mr + r] = 0f;
                        }
                    }
                }
            }
        }
    }

    /// <summary>Packs depths [p0, p0+kc) and columns [j0, j0+nc) of op(B) into <paramref name="dst"/>.</summary>
    public static void PackB(bool transB, float* b, int ldb, int p0, int kc, int j0, int nc, float* dst)
    {
        const int nr = Gemm.NR;
        for (int s = 0; s < nc; s += nr)
        {
            int cols = Math.Min(nr, nc - s);
            float* d = dst + (long)s * kc;
            if (transB)
            {
                // op(B)[p, j] = b[j·ldb + p]: eight columns × eight depths per register transpose where whole,
                // element by element at the ragged edges, zeros in the padding columns.
                for (int c = 0; c < nr; c += 8)
                {
                    float* src = b + (long)(j0 + s + c) * ldb + p0;
                    int p = 0;
                    if (c + 8 <= cols && Avx.IsSupported)
                    {
                        for (; p + 8 <= kc; p += 8)
                        {
                            Transpose8x8(src + p, ldb, d + p * nr + c, nr);
                        }
                    }
                    for (; p < kc; p++)
                    {
                        for (int cc = 0; cc < 8; cc++)
                        {
                            d[p * nr + c + cc] = c + cc < cols ? src[(long)cc * ldb + p] : 0f;
                        }
                    }
                }
            }
            else if (cols == nr)
            {
                for (int p = 0; p < kc; p++)
                {
                    float* src = b + (long)(p0 + p) * ldb + j0 + s;
                    float* dp = d + p * nr;
                    Vector256.Store(Vector256.Load(src), dp);
                    Vector256.Store(Vector256.Load(src + 8), dp + 8);
                    Vector256.Store(Vector256.Load(src + 16), dp + 16);
                    Vector256.Store(Vector256.Load(src + 24), dp + 24);
                }
            }
            else
            {
                for (int p = 0; p < kc; p++)
                {
                    float* src = b + (long)(p0 + p) * ldb + j0 + s;
                    float* dp = d + p * nr;
                    int c = 0;
                    for (; c < cols; c++)
                    {
                        dp[c] = src[c];
                    }
                    for (; c < nr; c++)
                    {
                        dp[c] = 0f;
                    }
                }
            }
        }
    }

    /// <summary>dst[j·ldd + i] = src[i·lds + j] for an 8×8 block (the classic unpack/shuffle/permute transpose).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float* src, int lds, float* dst, int ldd)
    {
        var r0 = Avx.LoadVector256(src);
        var r1 = Avx.LoadVector256(src + lds);
        var r2 = Avx.LoadVector256(src + 2L * lds);
        var r3 = Avx.LoadVector256(src + 3L * lds);
        var r4 = Avx.LoadVector256(src + 4L * lds);
        var r5 = Avx.LoadVector256(src + 5L * lds);
        var r6 = Avx.LoadVector256(src + 6L * lds);
        var r7 = Avx.LoadVector256(src + 7L * lds);
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dst + ldd, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + 2L * ldd, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + 3L * ldd, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + 4L * ldd, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + 5L * ldd, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + 6L * ldd, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dst + 7L * ldd, Avx.Permute2x128(u3, u7, 0x31));
    }
}
