namespace Crossbar.Numerics;

/// <summary>Placeholder reference GEMM (replaced by the blocked kernel on merge).</summary>
public static class Gemm
{
    public static void Multiply(bool transA, bool transB, int m, int n, int k,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc,
        bool accumulate = false, int threads = 1)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float s = accumulate ? c[i * ldc + j] : 0f;
                for (int p = 0; p < k; p++)
                {
                    float av = transA ? a[p * lda + i] : a[i * lda + p];
                    float bv = transB ? b[j * ldb + p] : b[p * ldb + j];
                    s += av * bv;
                }
                c[i * ldc + j] = s;
            }
        }
    }

    public static void MultiplyBatched(bool transA, bool transB, int m, int n, int k, int batch,
        ReadOnlySpan<float> a, int lda, long strideA, ReadOnlySpan<float> b, int ldb, long strideB,
        Span<float> c, int ldc, long strideC, bool accumulate = false, int threads = 1)
    {
        for (int i = 0; i < batch; i++)
        {
            Multiply(transA, transB, m, n, k, a[(int)(i * strideA)..], lda, b[(int)(i * strideB)..], ldb, c[(int)(i * strideC)..], ldc, accumulate);
        }
    }

    public static void MultiplyReduce(bool transA, bool transB, int m, int n, int k, int batch,
        ReadOnlySpan<float> a, int lda, long strideA, ReadOnlySpan<float> b, int ldb, long strideB,
        Span<float> c, int ldc, bool accumulate = false, int threads = 1)
    {
        for (int i = 0; i < batch; i++)
        {
            Multiply(transA, transB, m, n, k, a[(int)(i * strideA)..], lda, b[(int)(i * strideB)..], ldb, c, ldc, accumulate || i > 0);
        }
    }
}
