using System.Diagnostics;
using Crossbar.Numerics;

namespace Crossbar.Benchmarks;

/// <summary>
/// GFLOP/s of <see cref="Gemm"/> on square sizes and on the convolution shapes of a CIFAR ResNet-20 (forward
/// W·cols, weight gradient dY·colsᵀ, input gradient Wᵀ·dY for one image), quoted against the measured peak.
/// </summary>
public static class GemmBenchmark
{
    /// <summary>One shape: op(A) m×k times op(B) k×n.</summary>
    public sealed record Shape(string Name, bool TransA, bool TransB, int M, int N, int K);

    /// <summary>One measurement.</summary>
    public sealed record Result(Shape Shape, int Threads, double GflopPerSecond, double FractionOfPeak);

    public static IReadOnlyList<Shape> DefaultShapes { get; } =
    [
        new("square 256", false, false, 256, 256, 256),
        new("square 1024", false, false, 1024, 1024, 1024),
        new("resnet stage1 fwd", false, false, 16, 1024, 144),
        new("resnet stage2 fwd", false, false, 32, 256, 288),
        new("resnet stage3 fwd", false, false, 64, 64, 576),
        new("resnet stage1 dW", false, true, 16, 144, 1024),
        new("resnet stage3 dW", false, true, 64, 576, 64),
        new("resnet stage1 dX", true, false, 144, 1024, 16),
        new("resnet stage3 dX", true, false, 576, 64, 64),
        new("linear b128 64→10", false, true, 128, 10, 64),
    ];

    public static IEnumerable<Result> Run(IEnumerable<Shape> shapes, IReadOnlyList<int> threads, double peakOneThread, double seconds = 0.3)
    {
        foreach (var s in shapes)
        {
            var rng = CounterRng.ForStream(1, "gemm-bench:" + s.Name);
            var a = new float[s.M * s.K];
            var b = new float[s.K * s.N];
            var c = new float[s.M * s.N];
            rng.FillGaussian(a, 0f, 1f);
            rng.FillGaussian(b, 0f, 1f);
            int lda = s.TransA ? s.M : s.K, ldb = s.TransB ? s.K : s.N;
            foreach (int t in threads)
            {
                Gemm.Multiply(s.TransA, s.TransB, s.M, s.N, s.K, a, lda, b, ldb, c, s.N, threads: t);
                long reps = 0;
                var sw = Stopwatch.StartNew();
                do
                {
                    for (int i = 0; i < 8; i++)
                    {
                        Gemm.Multiply(s.TransA, s.TransB, s.M, s.N, s.K, a, lda, b, ldb, c, s.N, threads: t);
                    }
                    reps += 8;
                }
                while (sw.Elapsed.TotalSeconds < seconds);
                double gflops = 2.0 * s.M * s.N * s.K * reps / sw.Elapsed.TotalSeconds / 1e9;
                yield return new Result(s, t, gflops, gflops * 1e9 / (peakOneThread * t));
            }
        }
    }
}
