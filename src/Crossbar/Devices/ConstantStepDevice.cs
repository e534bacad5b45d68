using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

    /// <summary>
    /// <see cref="Run"/> for eight devices of either direction at once, with the same arithmetic (g + (−1)·Δ is g − Δ
    /// exactly), so it is bit-identical to the scalar runs.
    /// </summary>
    public void Run8(Vector256<int> devices, ref Vector512<double> g, ref Vector256<int> pulses, Vector512<ulong> words)
    {
        if (!PulseBatch.Avx512)
        {
            PulseBatch.Run8Scalar(this, devices, ref g, ref pulses, words);
            return;
        }
        var one = Vector512<double>.One;
        var upInt = Vector256.GreaterThan(pulses, Vector256<int>.Zero);
        var up = Avx512F.ConvertToVector512Int64(upInt).AsDouble();
        var count = Vector256.Abs(pulses);
        var step = Vector512.ConditionalSelect(up, Gather(_up, devices), Gather(_down, devices));
        var min = Gather(_min, devices);
        var max = Gather(_max, devices);
        var n = Avx512F.ConvertToVector512Double(count);
        var span = step * n * Vector512.Create(1 + PulseRandom.MaxGaussian * _noise);
        var whole = Vector512.GreaterThanOrEqual(g - span, min) & Vector512.LessThanOrEqual(g + span, max);
        var events = Vector512.ConditionalSelect(whole, n, one);
        var rest = count - Vector256.ConditionalSelect(Avx512F.ConvertToVector256Int32(whole.AsInt64()), count, Vector256<int>.One);
        var xi = PulseBatch.Gaussian8(words);
        var delta = step * (events + Vector512.Sqrt(events) * (Vector512.Create(_noise) * xi));
        var value = g + Vector512.ConditionalSelect(up, one, -one) * delta;
        var idle = Avx512F.ConvertToVector512Int64(Vector256.Equals(count, Vector256<int>.Zero)).AsDouble();
        g = Vector512.ConditionalSelect(idle, g, Vector512.Min(Vector512.Max(value, min), max));
        pulses = Vector256.ConditionalSelect(upInt, rest, -rest);
    }

    /// <summary>
    /// Eight per-device parameters widened to double. Scalar loads, not vgatherdps: AMD Zen 4 microcodes gathers, and
    /// eight plain loads measured no slower.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Gather(float[] a, Vector256<int> d)
    {
        ref float a0 = ref MemoryMarshal.GetArrayDataReference(a);
        var v = Vector256.Create(
            Unsafe.Add(ref a0, d.GetElement(0)), Unsafe.Add(ref a0, d.GetElement(1)), Unsafe.Add(ref a0, d.GetElement(2)),
            Unsafe.Add(ref a0, d.GetElement(3)), Unsafe.Add(ref a0, d.GetElement(4)), Unsafe.Add(ref a0, d.GetElement(5)),
            Unsafe.Add(ref a0, d.GetElement(6)), Unsafe.Add(ref a0, d.GetElement(7)));
        return Avx512F.ConvertToVector512Double(v);
    }

    public bool HasScatteredKernel => PulseBatch.Avx512;

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
