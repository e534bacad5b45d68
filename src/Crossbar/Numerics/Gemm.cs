using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Crossbar.Numerics;

/// <summary>
/// Single-precision matrix multiply C (=|+=) op(A)·op(B) on row-major spans, blocked as in Goto and van de Geijn
/// (2008): B packed in KC×NC panels, A in MC×KC blocks, an MR×NR register tile as the inner kernel (AVX-512,
/// 256-bit or scalar, chosen once per process). Threads split C into column (or row) ranges and never the depth,
/// and the depth is blocked by a constant, so every element is summed in the same order for any thread count:
/// results are bit-identical for 1, 2 or 16 threads.
/// </summary>
public static unsafe class Gemm
{
    /// <summary>Rows of the register tile.</summary>
    public const int MR = 8;

    /// <summary>Columns of the register tile (two 512-bit vectors).</summary>
    public const int NR = 32;

    /// <summary>Depth of a packed panel: an MR×KC strip of A and a KC×NR strip of B stay in the 48 KiB L1.</summary>
    public const int KC = 256;

    /// <summary>Rows of A packed per block (MC×KC floats = 128 KiB, in L2).</summary>
    public const int MC = 128;

    /// <summary>Columns of B packed per panel (KC×NC floats = 2 MiB, in L3).</summary>
    public const int NC = 2048;

    // Below this many multiply-adds a second thread costs more than it saves.
    private const long ParallelThreshold = 1L << 20;

    [ThreadStatic] private static nint t_packA;
    [ThreadStatic] private static nint t_packB;
    [ThreadStatic] private static nint t_tile;

    /// <summary>The kernel this process uses (the widest the hardware accelerates); tests may switch it.</summary>
    public static GemmIsa Isa { get; internal set; } =
        Vector512.IsHardwareAccelerated ? GemmIsa.Vector512 : Vector256.IsHardwareAccelerated ? GemmIsa.Vector256 : GemmIsa.Scalar;

    /// <summary>C[m×n] = op(A)[m×k] · op(B)[k×n] (+ C when <paramref name="accumulate"/>).</summary>
    /// <param name="transA">A is stored k×m (op(A) = Aᵀ).</param>
    /// <param name="transB">B is stored n×k (op(B) = Bᵀ).</param>
    public static void Multiply(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc,
        bool accumulate = false, int threads = 1)
    {
        if (m <= 0 || n <= 0)
        {
            return;
        }
        Check(transA, m, k, a.Length, lda, "A");
        Check(transB, k, n, b.Length, ldb, "B");
        Check(false, m, n, c.Length, ldc, "C");
        if (k <= 0)
        {
            if (!accumulate)
            {
                for (int i = 0; i < m; i++)
                {
                    c.Slice(i * ldc, n).Clear();
                }
            }
            return;
        }
        fixed (float* pa = a, pb = b, pc = c)
        {
            var job = new Job(transA, transB, k, pa, lda, pb, ldb, pc, ldc, accumulate);
            int workers = (long)m * n * k < ParallelThreshold ? 1 : Math.Max(1, threads);
            int nStrips = (n + NR - 1) / NR, mStrips = (m + MR - 1) / MR;
            if (workers == 1 || (nStrips < 2 && mStrips < 2))
            {
                job.Run(0, m, 0, n);
                return;
            }
            RunParallel(job, m, n, workers, nStrips, mStrips);
        }
    }

    // Kept apart from Multiply so its closure is allocated only when threads are used.
    private static void RunParallel(Job job, int m, int n, int workers, int nStrips, int mStrips)
    {
        // Split the dimension with more tiles, at tile boundaries (whole tiles per thread).
        bool byColumns = nStrips >= mStrips || nStrips >= workers;
        int strips = byColumns ? nStrips : mStrips;
        workers = Math.Min(workers, strips);
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            int s0 = (int)((long)w * strips / workers), s1 = (int)((long)(w + 1) * strips / workers);
            if (byColumns)
            {
                job.Run(0, m, s0 * NR, Math.Min(n, s1 * NR));
            }
            else
            {
                job.Run(s0 * MR, Math.Min(m, s1 * MR), 0, n);
            }
        });
    }

    /// <summary>C_i = op(A_i)·op(B_i) (+ C_i) for i in [0, batch), operands at the given strides; the batch is split over threads.</summary>
    public static void MultiplyBatched(bool transA, bool transB, int m, int n, int k, int batch,
        ReadOnlySpan<float> a, int lda, long strideA, ReadOnlySpan<float> b, int ldb, long strideB,
        Span<float> c, int ldc, long strideC, bool accumulate = false, int threads = 1)
    {
        if (batch <= 0 || m <= 0 || n <= 0)
        {
            return;
        }
        long need = (long)(batch - 1) * strideC + (long)(m - 1) * ldc + n;
        if (c.Length < need)
        {
            throw new ArgumentException($"C holds {c.Length} floats; a batch of {batch} needs {need}", nameof(c));
        }
        int workers = Math.Clamp(threads, 1, batch);
        if (workers == 1 || (long)m * n * k * batch < ParallelThreshold)
        {
            for (int i = 0; i < batch; i++)
            {
                Multiply(transA, transB, m, n, k, a[(int)(i * strideA)..], lda, b[(int)(i * strideB)..], ldb, c[(int)(i * strideC)..], ldc, accumulate);
            }
            return;
        }
        fixed (float* pa = a, pb = b, pc = c)
        {
            BatchedParallel(transA, transB, m, n, k, batch, (nint)pa, a.Length, lda, strideA, (nint)pb, b.Length, ldb, strideB,
                (nint)pc, c.Length, ldc, strideC, accumulate, workers);
        }
    }

    private static void BatchedParallel(bool transA, bool transB, int m, int n, int k, int batch, nint ia, int la, int lda, long strideA,
        nint ib, int lb, int ldb, long strideB, nint ic, int lc, int ldc, long strideC, bool accumulate, int workers) =>
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            int i0 = (int)((long)w * batch / workers), i1 = (int)((long)(w + 1) * batch / workers);
            for (int i = i0; i < i1; i++)
            {
                var ai = new ReadOnlySpan<float>((float*)ia + i * strideA, (int)(la - i * strideA));
                var bi = new ReadOnlySpan<float>((float*)ib + i * strideB, (int)(lb - i * strideB));
                var ci = new Span<float>((float*)ic + i * strideC, (int)(lc - i * strideC));
                Multiply(transA, transB, m, n, k, ai, lda, bi, ldb, ci, ldc, accumulate);
            }
        });

    /// <summary>C = Σ_i op(A_i)·op(B_i) (+ C), summed in increasing i (each product's depth blocked as in <see cref="Multiply"/>).</summary>
    public static void MultiplyReduce(bool transA, bool transB, int m, int n, int k, int batch,
        ReadOnlySpan<float> a, int lda, long strideA, ReadOnlySpan<float> b, int ldb, long strideB,
        Span<float> c, int ldc, bool accumulate = false, int threads = 1)
    {
        for (int i = 0; i < batch; i++)
        {
            Multiply(transA, transB, m, n, k, a[(int)(i * strideA)..], lda, b[(int)(i * strideB)..], ldb, c, ldc, accumulate || i > 0, threads);
        }
    }

    private static void Check(bool trans, int rows, int cols, int length, int ld, string name)
    {
        int r = trans ? cols : rows, w = trans ? rows : cols;
        if (ld < w)
        {
            throw new ArgumentException($"{name}: leading dimension {ld} is less than the row length {w}");
        }
        if (r > 0 && w > 0 && (long)(r - 1) * ld + w > length)
        {
            throw new ArgumentException($"{name}: {length} floats cannot hold {r}×{w} at leading dimension {ld}");
        }
    }

    private static float* Buffer(ref nint slot, int floats)
    {
        if (slot == 0)
        {
            slot = (nint)NativeMemory.AlignedAlloc((nuint)floats * sizeof(float), 64);
        }
        return (float*)slot;
    }

    /// <summary>One multiply over a sub-block of C; per-thread packing buffers live for the thread's life.</summary>
    private readonly struct Job(bool transA, bool transB, int k, float* a, int lda, float* b, int ldb, float* c, int ldc, bool accumulate)
    {
        public void Run(int i0, int i1, int j0, int j1)
        {
            float* packA = Buffer(ref t_packA, MC * KC);
            float* packB = Buffer(ref t_packB, KC * NC);
            float* tile = Buffer(ref t_tile, MR * NR);
            var isa = Isa;
            // B without a transpose is read in place when m is small (the convolutions' 16 to 64 channels): each of
            // its elements is then used by only a few tiles, and copying it costs more than the strided reads.
            bool inPlaceB = !transB && i1 - i0 <= 2 * MC;
            for (int jc = j0; jc < j1; jc += NC)
            {
                int nc = Math.Min(NC, j1 - jc);
                int fullCols = nc / NR * NR;
                for (int pc = 0; pc < k; pc += KC)
                {
                    int kc = Math.Min(KC, k - pc);
                    bool add = accumulate || pc > 0;
                    if (!inPlaceB)
                    {
                        GemmPacking.PackB(transB, b, ldb, pc, kc, jc, nc, packB);
                    }
                    else if (fullCols < nc)
                    {
                        GemmPacking.PackB(false, b, ldb, pc, kc, jc + fullCols, nc - fullCols, packB + (long)fullCols * kc);
                    }
                    for (int ic = i0; ic < i1; ic += MC)
                    {
                        int mc = Math.Min(MC, i1 - ic);
                        GemmPacking.PackA(transA, a, lda, ic, mc, pc, kc, packA);
                        for (int jr = 0; jr < nc; jr += NR)
                        {
                            int nr = Math.Min(NR, nc - jr);
                            bool direct = inPlaceB && nr == NR;
                            float* bs = direct ? b + (long)pc * ldb + jc + jr : packB + (long)jr * kc;
                            int bStride = direct ? ldb : NR;
                            for (int ir = 0; ir < mc; ir += MR)
                            {
                                int mr = Math.Min(MR, mc - ir);
                                float* cs = c + (long)(ic + ir) * ldc + jc + jr;
                                float* strip = packA + (long)ir * kc;
                                if (mr == MR && nr == NR)
                                {
                                    Tile(isa, kc, strip, bs, bStride, cs, ldc, add);
                                }
                                else
                                {
                                    Tile(isa, kc, strip, bs, bStride, tile, NR, false);
                                    for (int i = 0; i < mr; i++)
                                    {
                                        float* ci = cs + (long)i * ldc;
                                        float* ti = tile + i * NR;
                                        for (int j = 0; j < nr; j++)
                                        {
                                            ci[j] = add ? ci[j] + ti[j] : ti[j];
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        private static void Tile(GemmIsa isa, int kc, float* a, float* b, int ldb, float* c, int ldc, bool add)
        {
            switch (isa)
            {
                case GemmIsa.Vector512:
                    GemmKernels.Tile512(kc, a, b, ldb, c, ldc, add);
                    break;
                case GemmIsa.Vector256:
                    GemmKernels.Tile256(kc, a, b, ldb, c, ldc, add);
                    break;
                default:
                    GemmKernels.TileScalar(kc, a, b, ldb, c, ldc, add);
                    break;
            }
        }
    }
}
