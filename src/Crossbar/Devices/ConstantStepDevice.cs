using System.Runtime.CompilerServices;
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
