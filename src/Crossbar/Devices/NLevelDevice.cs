using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Crossbar.Config;

namespace Crossbar.Devices;

/// <summary>
/// N-level unidirectional device with programming noise (003_401f633e2540c503 §III, Fig. 2): each SET pulse adds
/// one level spacing B plus zero-mean Gaussian noise of σ = sigma·B; g_min = g_max / on-off ratio; RESET returns to
/// g_min (the periodic reset of 003) or, optionally, steps one level down.
/// </summary>
/// <remarks>As in 003 Fig. 2, an event of n coincident pulses (one call's pulses on one device) moves the device by
/// n·B plus one noise draw of σ (<c>noise_per_event: true</c>, default); with <c>noise_per_event: false</c> every
/// pulse draws its own noise (σ·√n per event).</remarks>
public readonly struct NLevelDevice : IDeviceModel
{
    private readonly double _min;
    private readonly double _max;
    private readonly double _spacing;
    private readonly double _sigma;
    private readonly bool _abruptReset;
    private readonly bool _perEvent;

    public NLevelDevice(NLevelDeviceConfig c)
    {
        _min = c.GMin;
        _max = c.GMax;
        _spacing = c.LevelSpacing;
        _sigma = c.Sigma * c.LevelSpacing;
        _abruptReset = c.AbruptReset;
        _perEvent = c.NoisePerEvent;
    }

    public static string Name => "n_level";

    public double LevelSpacing => _spacing;

    public double Min(int device) => _min;

    public double Max(int device) => _max;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Set(int device, double g, ulong random) =>
        Math.Clamp(g + _spacing + (_perEvent ? 0 : _sigma * PulseRandom.Gaussian(random)), _min, _max);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Reset(int device, double g, ulong random) =>
        _abruptReset ? _min : Math.Clamp(g - _spacing + (_perEvent ? 0 : _sigma * PulseRandom.Gaussian(random)), _min, _max);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double EndEvent(int device, double g, bool set, ulong lastRandom) =>
        _perEvent && (set || !_abruptReset) ? Math.Clamp(g + _sigma * PulseRandom.Gaussian(lastRandom), _min, _max) : g;

    public double SetRun(int device, double g, ref int left, ulong random) => PulseBatch.One(Set(device, g, random), ref left);

    public double ResetRun(int device, double g, ref int left, ulong random) => PulseBatch.One(Reset(device, g, random), ref left);

    public void Run8(Vector256<int> devices, ref Vector512<double> g, ref Vector256<int> pulses, Vector512<ulong> words) =>
        PulseBatch.Run8Scalar(this, devices, ref g, ref pulses, words);

    public bool HasScatteredKernel => false;

    public bool UsesRandom => true;

    public void SetBatch(int first, Span<double> g, ReadOnlySpan<ulong> words) => PulseBatch.SetScalar(this, first, g, words);

    public void ResetBatch(int first, Span<double> g, ReadOnlySpan<ulong> words) => PulseBatch.ResetScalar(this, first, g, words);

    public double FullReset(int device, ulong random) => _min;
}
