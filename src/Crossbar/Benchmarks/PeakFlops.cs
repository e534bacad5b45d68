using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Crossbar.Benchmarks;

/// <summary>
/// The machine's measured single-precision peak: independent fused multiply-add chains on the widest vector
/// (24 chains hide the FMA latency on two pipes), nothing loaded or stored. Kernel efficiency is quoted against it.
/// </summary>
public static class PeakFlops
{
    /// <summary>FLOP/s of <paramref name="threads"/> threads each running the FMA loop for about <paramref name="seconds"/>.</summary>
    public static double Measure(int threads, double seconds = 0.5)
    {
        long iterations = 1 << 20;
        // Calibrate on one thread so the timed run lasts about the requested time.
        var sw = Stopwatch.StartNew();
        Loop(iterations);
        double once = sw.Elapsed.TotalSeconds;
        iterations = Math.Max(1 << 16, (long)(iterations * seconds / Math.Max(once, 1e-6)));
        var start = new Barrier(threads);
        double[] elapsed = new double[threads];
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int id = t;
            workers[t] = new Thread(() =>
            {
                Loop(1 << 16);
                start.SignalAndWait();
                var w = Stopwatch.StartNew();
                Loop(iterations);
                elapsed[id] = w.Elapsed.TotalSeconds;
            });
            workers[t].Start();
        }
        foreach (var w in workers)
        {
            w.Join();
        }
        double flopsPerIteration = 24.0 * 2 * (Vector512.IsHardwareAccelerated ? 16 : Vector256.IsHardwareAccelerated ? 8 : 1);
        return threads * iterations * flopsPerIteration / elapsed.Max();
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Loop(long iterations) =>
        Vector512.IsHardwareAccelerated ? Loop512(iterations) : Vector256.IsHardwareAccelerated ? Loop256(iterations) : LoopScalar(iterations);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Loop512(long iterations)
    {
        var m = Vector512.Create(0.999999f);
        var s = Vector512.Create(1e-7f);
        Vector512<float> a0 = m, a1 = m, a2 = m, a3 = m, a4 = m, a5 = m, a6 = m, a7 = m, a8 = m, a9 = m, a10 = m, a11 = m;
        Vector512<float> b0 = m, b1 = m, b2 = m, b3 = m, b4 = m, b5 = m, b6 = m, b7 = m, b8 = m, b9 = m, b10 = m, b11 = m;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector512.FusedMultiplyAdd(a0, m, s); a1 = Vector512.FusedMultiplyAdd(a1, m, s);
            a2 = Vector512.FusedMultiplyAdd(a2, m, s); a3 = Vector512.FusedMultiplyAdd(a3, m, s);
            a4 = Vector512.FusedMultiplyAdd(a4, m, s); a5 = Vector512.FusedMultiplyAdd(a5, m, s);
            a6 = Vector512.FusedMultiplyAdd(a6, m, s); a7 = Vector512.FusedMultiplyAdd(a7, m, s);
            a8 = Vector512.FusedMultiplyAdd(a8, m, s); a9 = Vector512.FusedMultiplyAdd(a9, m, s);
            a10 = Vector512.FusedMultiplyAdd(a10, m, s); a11 = Vector512.FusedMultiplyAdd(a11, m, s);
            b0 = Vector512.FusedMultiplyAdd(b0, m, s); b1 = Vector512.FusedMultiplyAdd(b1, m, s);
            b2 = Vector512.FusedMultiplyAdd(b2, m, s); b3 = Vector512.FusedMultiplyAdd(b3, m, s);
            b4 = Vector512.FusedMultiplyAdd(b4, m, s); b5 = Vector512.FusedMultiplyAdd(b5, m, s);
            b6 = Vector512.FusedMultiplyAdd(b6, m, s); b7 = Vector512.FusedMultiplyAdd(b7, m, s);
            b8 = Vector512.FusedMultiplyAdd(b8, m, s); b9 = Vector512.FusedMultiplyAdd(b9, m, s);
            b10 = Vector512.FusedMultiplyAdd(b10, m, s); b11 = Vector512.FusedMultiplyAdd(b11, m, s);
        }
        var sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + b0 + b1 + b2 + b3 + b4 + b5 + b6 + b7 + b8 + b9 + b10 + b11;
        return Vector512.Sum(sum);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Loop256(long iterations)
    {
        var m = Vector256.Create(0.999999f);
        var s = Vector256.Create(1e-7f);
        Vector256<float> a0 = m, a1 = m, a2 = m, a3 = m, a4 = m, a5 = m, a6 = m, a7 = m, a8 = m, a9 = m, a10 = m, a11 = m;
        Vector256<float> b0 = m, b1 = m, b2 = m, b3 = m, b4 = m, b5 = m, b6 = m, b7 = m, b8 = m, b9 = m, b10 = m, b11 = m;
        for (long i = 0; i < iterations; i++)
        {
            a0 = Vector256.FusedMultiplyAdd(a0, m, s); a1 = Vector256.FusedMultiplyAdd(a1, m, s);
            a2 = Vector256.FusedMultiplyAdd(a2, m, s); a3 = Vector256.FusedMultiplyAdd(a3, m, s);
            a4 = Vector256.FusedMultiplyAdd(a4, m, s); a5 = Vector256.FusedMultiplyAdd(a5, m, s);
            a6 = Vector256.FusedMultiplyAdd(a6, m, s); a7 = Vector256.FusedMultiplyAdd(a7, m, s);
            a8 = Vector256.FusedMultiplyAdd(a8, m, s); a9 = Vector256.FusedMultiplyAdd(a9, m, s);
            a10 = Vector256.FusedMultiplyAdd(a10, m, s); a11 = Vector256.FusedMultiplyAdd(a11, m, s);
            b0 = Vector256.FusedMultiplyAdd(b0, m, s); b1 = Vector256.FusedMultiplyAdd(b1, m, s);
            b2 = Vector256.FusedMultiplyAdd(b2, m, s); b3 = Vector256.FusedMultiplyAdd(b3, m, s);
            b4 = Vector256.FusedMultiplyAdd(b4, m, s); b5 = Vector256.FusedMultiplyAdd(b5, m, s);
            b6 = Vector256.FusedMultiplyAdd(b6, m, s); b7 = Vector256.FusedMultiplyAdd(b7, m, s);
            b8 = Vector256.FusedMultiplyAdd(b8, m, s); b9 = Vector256.FusedMultiplyAdd(b9, m, s);
            b10 = Vector256.FusedMultiplyAdd(b10, m, s); b11 = Vector256.FusedMultiplyAdd(b11, m, s);
        }
        var sum = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11 + b0 + b1 + b2 + b3 + b4 + b5 + b6 + b7 + b8 + b9 + b10 + b11;
        return Vector256.Sum(sum);
    }

    private static float LoopScalar(long iterations)
    {
        float x = 0.5f;
        for (long i = 0; i < iterations * 24; i++)
        {
            x = MathF.FusedMultiplyAdd(x, 0.999999f, 1e-7f);
        }
        return x;
    }
}
