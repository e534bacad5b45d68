using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Crossbar.Config;
using Crossbar.Numerics;

namespace Crossbar.Devices;

/// <summary>
/// Linear-step / soft-bounds device with aihwkit LinearStep semantics (SoftBounds = γ of 1, no γ spread): the step
/// scales by (1 + γ^d_ij·(w − r^d)), γ⁺_ij &lt; 0 towards the upper bound and γ⁻_ij &gt; 0 towards the lower one,
/// never below 0; noise is multiplicative (mult_noise) or additive in units of the device's step.
/// </summary>
public readonly struct LinearStepDevice : IDeviceModel
{
    private readonly float[] _up;
    private readonly float[] _down;
    private readonly float[] _min;
    private readonly float[] _max;
    private readonly float[] _slopeUp;
    private readonly float[] _slopeDown;
    private readonly double _refUp;
    private readonly double _refDown;
    private readonly double _noise;
    private readonly bool _multNoise;
    private readonly double _reset;
    private readonly double _resetStd;

    public LinearStepDevice(LinearStepDeviceConfig c, int count, ulong seed)
    {
        (_up, _down, _min, _max) = StepParameters.Populate(c, count, seed);
        bool straddles = c.WMin < 0 && c.WMax > 0;
        _refUp = straddles ? 0.0 : c.WMin;
        _refDown = straddles ? 0.0 : c.WMax;
        _slopeUp = new float[count];
        _slopeDown = new float[count];
        var rng = CounterRng.ForStream(seed, "device-populate-linear-step");
        for (int d = 0; d < count; d++)
        {
            double spanUp = (c.MeanBoundReference ? c.WMax : _max[d]) - _refUp;
            double spanDown = _refDown - (c.MeanBoundReference ? c.WMin : _min[d]);
            double gUp = Math.Abs(c.GammaUp + c.GammaUpDtod * rng.NextGaussian());
            double gDown = Math.Abs(c.GammaDown + c.GammaDownDtod * rng.NextGaussian());
            // Up steps shrink as w rises above r⁺; down steps shrink as w falls below r⁻.
            _slopeUp[d] = spanUp > 0 ? (float)(-gUp / spanUp) : 0f;
            _slopeDown[d] = spanDown > 0 ? (float)(gDown / spanDown) : 0f;
        }
        _noise = c.DwMinStd;
        _multNoise = c.MultNoise;
        _reset = c.ResolvedResetValue;
        _resetStd = c.ResetStd;
    }

    public static string Name => "linear_step";

    public double Min(int device) => _min[device];

    public double Max(int device) => _max[device];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Set(int device, double g, ulong random)
    {
        double shape = Math.Max(0.0, 1 + _slopeUp[device] * (g - _refUp));
        double xi = _noise * PulseRandom.Gaussian(random);
        double step = _up[device] * (_multNoise ? shape * (1 + xi) : shape + xi);
        return Math.Clamp(g + step, _min[device], _max[device]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Reset(int device, double g, ulong random)
    {
        double shape = Math.Max(0.0, 1 + _slopeDown[device] * (g - _refDown));
        double xi = _noise * PulseRandom.Gaussian(random);
        double step = _down[device] * (_multNoise ? shape * (1 + xi) : shape + xi);
        return Math.Clamp(g - step, _min[device], _max[device]);
    }

    public double EndEvent(int device, double g, bool set, ulong lastRandom) => g;

    public double SetRun(int device, double g, ref int left, ulong random) => PulseBatch.One(Set(device, g, random), ref left);

    public double ResetRun(int device, double g, ref int left, ulong random) => PulseBatch.One(Reset(device, g, random), ref left);

    public void Run8(Vector256<int> devices, ref Vector512<double> g, ref Vector256<int> pulses, Vector512<ulong> words) =>
        PulseBatch.Run8Scalar(this, devices, ref g, ref pulses, words);

    public bool HasScatteredKernel => false;

    public bool UsesRandom => true;

    public void SetBatch(int first, Span<double> g, ReadOnlySpan<ulong> words) => PulseBatch.SetScalar(this, first, g, words);

    public void ResetBatch(int first, Span<double> g, ReadOnlySpan<ulong> words) => PulseBatch.ResetScalar(this, first, g, words);

    public double FullReset(int device, ulong random) =>
        Math.Clamp(_reset + _resetStd * PulseRandom.Gaussian(random), _min[device], _max[device]);
}
