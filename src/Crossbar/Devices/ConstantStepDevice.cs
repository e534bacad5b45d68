using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Crossbar.Config;
using Crossbar.Numerics;

namespace Crossbar.Devices;

/// <summary>
/// Constant-step device with aihwkit ConstantStep semantics: per-device up/down steps and bounds drawn once,
/// each pulse moves by the device's step times (1 + dw_min_std·ξ), then clips to the device's bounds.
/// </summary>
public readonly struct ConstantStepDevice : IDeviceModel
{
    private readonly float[] _up;
    private readonly float[] _down;
    private readonly float[] _min;
    private readonly float[] _max;
    private readonly double _noise;
    private readonly double _reset;
    private readonly double _resetStd;

    public ConstantStepDevice(ConstantStepDeviceConfig c, int count, ulong seed)
    {
        (_up, _down, _min, _max) = StepParameters.Populate(c, count, seed);
        _noise = c.DwMinStd;
        _reset = c.ResolvedResetValue;
        _resetStd = c.ResetStd;
    }

    public static string Name => "constant_step";

    public double Min(int device) => _min[device];

    public double Max(int device) => _max[device];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Set(int device, double g, ulong random)
    {
        double step = _up[device] * (1 + _noise * PulseRandom.Gaussian(random));
        return Math.Clamp(g + step, _min[device], _max[device]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Reset(int device, double g, ulong random)
    {
        double step = _down[device] * (1 + _noise * PulseRandom.Gaussian(random));
        return Math.Clamp(g - step, _min[device], _max[device]);
    }

    public double EndEvent(int device, double g, bool set, ulong lastRandom) => g;

    public double SetRun(int device, double g, ref int left, ulong random) => Run(device, g, ref left, random, _up[device], 1.0);

    public double ResetRun(int device, double g, ref int left, ulong random) => Run(device, g, ref left, random, _down[device], -1.0);

    /// <summary>
    /// n pulses whose path cannot reach a bound, whatever their noise (|ξ| ≤ <see cref="PulseRandom.MaxGaussian"/>), are
    /// one draw: Σ of n steps Δw·(1 + σξ_p) ~ N(n·Δw, n·(σΔw)²), i.e. Δw·(n + √n·σξ) — exact in distribution. Near a
    /// bound they go one by one, each clipped. For n = 1 this is <see cref="Set"/>/<see cref="Reset"/> bit for bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Run(int device, double g, ref int left, ulong random, double step, double sign)
    {
        double n = left;
        double span = step * n * (1 + PulseRandom.MaxGaussian * _noise);
        bool whole = g - span >= _min[device] && g + span <= _max[device];
        double events = whole ? n : 1;
        left -= whole ? left : 1;
        double delta = step * (events + Math.Sqrt(events) * (_noise * PulseRandom.Gaussian(random)));
        return Math.Clamp(sign > 0 ? g + delta : g - delta, _min[device], _max[device]);
    }

    public void SetScattered(ReadOnlySpan<int> devices, Span<double> g, Span<int> left, ReadOnlySpan<ulong> words) =>
        RunScattered(devices, g, left, words, _up, 1.0);

    public void ResetScattered(ReadOnlySpan<int> devices, Span<double> g, Span<int> left, ReadOnlySpan<ulong> words) =>
        RunScattered(devices, g, left, words, _down, -1.0);

    /// <summary>
    /// <see cref="Run"/> for scattered devices, eight at a time with the same arithmetic (bit-identical); a last partial
    /// group runs as a full vector padded with idle lanes (no pulses), so no device takes the slow scalar path.
    /// </summary>
    private void RunScattered(ReadOnlySpan<int> devices, Span<double> g, Span<int> left, ReadOnlySpan<ulong> words, float[] steps, double sign)
    {
        int n = g.Length;
        if (!PulseBatch.Avx512)
        {
            for (int i = 0; i < n; i++)
            {
                g[i] = Run(devices[i], g[i], ref left[i], words[i], steps[devices[i]], sign);
            }
            return;
        }
        int t = 0;
        for (; t <= n - 8; t += 8)
        {
            Run8(devices.Slice(t, 8), g.Slice(t, 8), left.Slice(t, 8), words.Slice(t, 8), steps, sign);
        }
        int rest = n - t;
        if (rest > 0)
        {
            Span<int> d = stackalloc int[8];
            Span<double> gv = stackalloc double[8];
            Span<int> lv = stackalloc int[8];
            Span<ulong> wv = stackalloc ulong[8];
            for (int l = 0; l < 8; l++)
            {
                int src = t + (l < rest ? l : 0);
                d[l] = devices[src];
                gv[l] = g[src];
                lv[l] = l < rest ? left[src] : 0;
                wv[l] = words[src];
            }
            Run8(d, gv, lv, wv, steps, sign);
            gv[..rest].CopyTo(g[t..]);
            lv[..rest].CopyTo(left[t..]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Run8(ReadOnlySpan<int> d, Span<double> g, Span<int> left, ReadOnlySpan<ulong> words, float[] steps, double sign)
    {
        var one = Vector512<double>.One;
        var step = Gather(steps, d);
        var min = Gather(_min, d);
        var max = Gather(_max, d);
        var gv = Vector512.Create((ReadOnlySpan<double>)g);
        var count = Vector256.Create((ReadOnlySpan<int>)left);
        var pulses = Avx512F.ConvertToVector512Double(count);
        var span = step * pulses * Vector512.Create(1 + PulseRandom.MaxGaussian * _noise);
        var whole = Vector512.GreaterThanOrEqual(gv - span, min) & Vector512.LessThanOrEqual(gv + span, max);
        var events = Vector512.ConditionalSelect(whole, pulses, one);
        var wholeInt = Avx512F.ConvertToVector256Int32(whole.AsInt64());
        (count - Vector256.ConditionalSelect(wholeInt, count, Vector256<int>.One)).CopyTo(left);
        var xi = PulseBatch.Gaussian8(Vector512.Create(words));
        var delta = step * (events + Vector512.Sqrt(events) * (Vector512.Create(_noise) * xi));
        var value = sign > 0 ? gv + delta : gv - delta;
        Vector512.Min(Vector512.Max(value, min), max).CopyTo(g);
    }

    /// <summary>Eight per-device parameters widened to double (one AVX2 gather).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe Vector512<double> Gather(float[] a, ReadOnlySpan<int> d)
    {
        fixed (float* p = a)
        {
            return Avx512F.ConvertToVector512Double(Avx2.GatherVector256(p, Vector256.Create(d), 4));
        }
    }

    public bool UsesRandom => true;

    public void SetBatch(int first, Span<double> g, ReadOnlySpan<ulong> words) => PulseBatch.SetScalar(this, first, g, words);

    public void ResetBatch(int first, Span<double> g, ReadOnlySpan<ulong> words) => PulseBatch.ResetScalar(this, first, g, words);

    public double FullReset(int device, ulong random) =>
        Math.Clamp(_reset + _resetStd * PulseRandom.Gaussian(random), _min[device], _max[device]);
}

/// <summary>Draws the hidden step and bound parameters shared by the aihwkit-style step models.</summary>
internal static class StepParameters
{
    public static (float[] Up, float[] Down, float[] Min, float[] Max) Populate(ConstantStepDeviceConfig c, int count, ulong seed)
    {
        var up = new float[count];
        var down = new float[count];
        var min = new float[count];
        var max = new float[count];
        var rng = CounterRng.ForStream(seed, "device-populate-step");
        for (int d = 0; d < count; d++)
        {
            // aihwkit: Δw^d = dw_min·(1 + d·β_ij + σ_dtod·ξ), one gain ξ for both directions.
            double gain = 1 + c.DwMinDtod * rng.NextGaussian();
            double bias = c.UpDown + c.UpDownDtod * rng.NextGaussian();
            up[d] = (float)Math.Abs(c.DwMin * (gain + bias));
            down[d] = (float)Math.Abs(c.DwMin * (gain - bias));
            double lo = c.WMin * (1 + c.WMinDtod * rng.NextGaussian());
            double hi = c.WMax * (1 + c.WMaxDtod * rng.NextGaussian());
            if (lo > hi)
            {
                (lo, hi) = (hi, lo); // aihwkit enforce_consistency
            }
            min[d] = (float)lo;
            max[d] = (float)hi;
        }
        return (up, down, min, max);
    }
}
