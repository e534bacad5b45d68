using Crossbar.Numerics;

namespace Crossbar.Tests.Numerics;

/// <summary>The blocked GEMM against a double-precision reference, for every kernel, transpose and ragged size.</summary>
[Collection(GemmIsaCollection.Name)]
public sealed class GemmTests
{
    public static TheoryData<GemmIsa> Isas() => new(Enum.GetValues<GemmIsa>());

    private static (float[] A, float[] B, float[] C) Operands(int m, int n, int k, bool ta, bool tb, int pad, ulong seed)
    {
        var rng = CounterRng.ForStream(seed, "gemm-test");
        int lda = (ta ? m : k) + pad, ldb = (tb ? k : n) + pad;
        var a = new float[(ta ? k : m) * lda];
        var b = new float[(tb ? n : k) * ldb];
        var c = new float[m * (n + pad)];
        rng.FillGaussian(a, 0f, 1f);
        rng.FillGaussian(b, 0f, 1f);
        rng.FillGaussian(c, 0f, 1f);
        return (a, b, c);
    }

    private static double[] Reference(bool ta, bool tb, int m, int n, int k, float[] a, int lda, float[] b, int ldb, float[] c, int ldc, bool accumulate, out double[] scale)
    {
        var r = new double[m * ldc];
        scale = new double[m * ldc];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = accumulate ? c[i * ldc + j] : 0, abs = accumulate ? Math.Abs(c[i * ldc + j]) : 0;
                for (int p = 0; p < k; p++)
                {
                    double t = (double)(ta ? a[p * lda + i] : a[i * lda + p]) * (tb ? b[j * ldb + p] : b[p * ldb + j]);
                    s += t;
                    abs += Math.Abs(t);
                }
                r[i * ldc + j] = s;
                scale[i * ldc + j] = abs;
            }
        }
        return r;
    }

    [Theory]
    [MemberData(nameof(Isas))]
    public void MatchesTheReferenceOnRandomShapesTransposesAndStrides(GemmIsa isa)
    {
        var previous = Gemm.Isa;
        try
        {
            Gemm.Isa = isa;
            var rng = new Random(12345);
            // Odd sizes, sizes at and across the tile and block edges (MR 8, NR 32, KC 256, MC 128).
            int[] sizes = [1, 2, 7, 8, 9, 31, 32, 33, 63, 129, 257, 300];
            for (int trial = 0; trial < 60; trial++)
            {
                int m = sizes[rng.Next(sizes.Length)], n = sizes[rng.Next(sizes.Length)], k = sizes[rng.Next(sizes.Length)];
                if ((long)m * n * k > 3_000_000)
                {
                    k = 7;
                }
                bool ta = rng.Next(2) == 1, tb = rng.Next(2) == 1, acc = rng.Next(2) == 1;
                int pad = rng.Next(3);
                var (a, b, c) = Operands(m, n, k, ta, tb, pad, (ulong)trial);
                int lda = (ta ? m : k) + pad, ldb = (tb ? k : n) + pad, ldc = n + pad;
                var expected = Reference(ta, tb, m, n, k, a, lda, b, ldb, c, ldc, acc, out var scale);
                var before = (float[])c.Clone();
                Gemm.Multiply(ta, tb, m, n, k, a, lda, b, ldb, c, ldc, acc, threads: 1 + trial % 3);
                for (int i = 0; i < m; i++)
                {
                    for (int j = 0; j < ldc; j++)
                    {
                        int at = i * ldc + j;
                        if (j >= n)
                        {
                            Assert.Equal(before[at], c[at]); // padding between rows untouched
                            continue;
                        }
                        double tol = 1e-5 * (scale[at] + 1);
                        Assert.True(Math.Abs(c[at] - expected[at]) <= tol,
                            $"{isa} m={m} n={n} k={k} ta={ta} tb={tb} acc={acc} pad={pad}: C[{i},{j}] = {c[at]}, expected {expected[at]}");
                    }
                }
            }
        }
        finally
        {
            Gemm.Isa = previous;
        }
    }

    [Fact]
    public void IsBitIdenticalForAnyThreadCount()
    {
        foreach (var (m, n, k, ta, tb) in new[] { (300, 257, 600, false, false), (64, 1024, 144, false, false), (129, 33, 1030, true, true), (520, 40, 70, true, false) })
        {
            var (a, b, _) = Operands(m, n, k, ta, tb, 0, 7);
            int lda = ta ? m : k, ldb = tb ? k : n;
            float[]? first = null;
            foreach (int t in new[] { 1, 2, 3, 5 })
            {
                var c = new float[m * n];
                Gemm.Multiply(ta, tb, m, n, k, a, lda, b, ldb, c, n, threads: t);
                if (first is null)
                {
                    first = c;
                }
                else
                {
                    Assert.Equal(first, c);
                }
            }
        }
    }

    [Fact]
    public void KernelsAgreeBitForBit()
    {
        // All three kernels run one fused chain per element in the same order, so they agree exactly.
        var previous = Gemm.Isa;
        try
        {
            var (a, b, _) = Operands(70, 90, 300, false, true, 0, 3);
            float[]? first = null;
            foreach (var isa in Enum.GetValues<GemmIsa>())
            {
                Gemm.Isa = isa;
                var c = new float[70 * 90];
                Gemm.Multiply(false, true, 70, 90, 300, a, 300, b, 300, c, 90);
                if (first is null)
                {
                    first = c;
                }
                else
                {
                    Assert.Equal(first, c);
                }
            }
        }
        finally
        {
            Gemm.Isa = previous;
        }
    }

    [Fact]
    public void BatchedAndReducedFormsEqualTheirLoops()
    {
        const int m = 20, n = 45, k = 33, batch = 5;
        var rng = CounterRng.ForStream(9, "gemm-batched");
        var a = new float[batch * m * k];
        var b = new float[batch * k * n];
        rng.FillGaussian(a, 0f, 1f);
        rng.FillGaussian(b, 0f, 1f);
        var batched = new float[batch * m * n];
        Gemm.MultiplyBatched(false, false, m, n, k, batch, a, k, m * k, b, n, k * n, batched, n, m * n, threads: 2);
        var reduced = new float[m * n];
        Gemm.MultiplyReduce(false, false, m, n, k, batch, a, k, m * k, b, n, k * n, reduced, n, threads: 2);
        var sum = new float[m * n];
        for (int i = 0; i < batch; i++)
        {
            var one = new float[m * n];
            Gemm.Multiply(false, false, m, n, k, a.AsSpan(i * m * k), k, b.AsSpan(i * k * n), n, one, n);
            Assert.Equal(one, batched.AsSpan(i * m * n, m * n).ToArray());
            Gemm.Multiply(false, false, m, n, k, a.AsSpan(i * m * k), k, b.AsSpan(i * k * n), n, sum, n, accumulate: i > 0);
        }
        Assert.Equal(sum, reduced);
    }

    [Fact]
    public void RejectsOperandsTooSmallForTheirShape()
    {
        var ex = Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 4, 4, 4, new float[15], 4, new float[16], 4, new float[16], 4));
        Assert.Contains("A", ex.Message);
    }

    [Fact]
    public void ZeroDepthClearsOrKeepsC()
    {
        var c = new float[] { 1, 2, 3, 4 };
        Gemm.Multiply(false, false, 2, 2, 0, [], 0, [], 2, c, 2, accumulate: true);
        Assert.Equal([1f, 2, 3, 4], c);
        Gemm.Multiply(false, false, 2, 2, 0, [], 0, [], 2, c, 2);
        Assert.Equal([0f, 0, 0, 0], c);
    }
}

/// <summary>Tests that switch <see cref="Gemm.Isa"/> run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GemmIsaCollection
{
    public const string Name = "Gemm kernel selection";
}
