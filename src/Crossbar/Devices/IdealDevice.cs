using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Crossbar.Config;

namespace Crossbar.Devices;

/// <summary>
/// Software-equivalent reference device: exact steps of fixed size, optionally clipped to [g_min, g_max]
/// (the "perfectly linear bidirectional" device of 001 §II and Fig. 7).
/// </summary>
public readonly struct IdealDevice : IDeviceModel
{
    private readonly double _min;
    private readonly double _max;
    private readonly double _step;
    private readonly double _initial;

    public IdealDevice(IdealDeviceConfig c)
    {
        _min = c.Bounded ? c.GMin : double.NegativeInfinity;
        _max = c.Bounded ? c.GMax : double.PositiveInfinity;
        _step = c.Step;
        _initial = c.InitialG ?? c.GMin;
    }

    public static string Name => "ideal";

    public double Min(int device) => _min;

    public double Max(int device) => _max;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Set(int device, double g, ulong random) => Math.Min(g + _step, _max);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Reset(int device, double g, ulong random) => Math.Max(g - _step, _min);

    public double EndEvent(int device, double g, bool set, ulong lastRandom) => g;

    public double SetRun(int device, double g, ref int left, ulong random) => PulseBatch.One(Set(device, g, random), ref left);

    public double ResetRun(int device, double g, ref int left, ulong random) => PulseBatch.One(Reset(device, g, random), ref left);

    public void Run8(Vector256<int> devices, ref Vector512<double> g, ref Vector256<int> pulses, Vector512<ulong> words) =>
        PulseBatch.Run8Scalar(this, devices, ref g, ref pulses, words);

    public bool HasScatteredKernel => false;

    public bool UsesRandom => false;

    public void SetBatch(int first, Span<double> g, ReadOnlySpan<ulong> words) => PulseBatch.SetScalar(this, first, g, words);

    public void ResetBatch(int first, Span<double> g, ReadOnlySpan<ulong> words) => PulseBatch.ResetScalar(this, first, g, words);

    public double FullReset(int device, ulong random) => _initial;
}
