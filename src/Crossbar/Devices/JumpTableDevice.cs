using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Crossbar.Devices;

/// <summary>
/// Jump-table device (001_3057d476dc3cdf60 §I.C, Fig. 8): each pulse draws ΔG from the table row of the present
/// conductance with one uniform deviate, then clips to the table's conductance range.
/// </summary>
public readonly struct JumpTableDevice : IDeviceModel
{
    private readonly JumpTable _table;
    private readonly double _min;
    private readonly double _max;
    private readonly double _initial;

    public JumpTableDevice(JumpTable table, double? initialG = null)
    {
        _table = table;
        _min = table.GMin;
        _max = table.GMax;
        _initial = Math.Clamp(initialG ?? table.GMin, table.GMin, table.GMax);
    }

    public static string Name => "jump_table";

    public JumpTable Table => _table;

    public double Min(int device) => _min;

    public double Max(int device) => _max;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Set(int device, double g, ulong random) =>
        Math.Clamp(g + _table.SampleSet(g, PulseRandom.Uniform(random)), _min, _max);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Reset(int device, double g, ulong random) =>
        Math.Clamp(g + _table.SampleReset(g, PulseRandom.Uniform(random)), _min, _max);

    public double EndEvent(int device, double g, bool set, ulong lastRandom) => g;

    public double SetRun(int device, double g, ref int left, ulong random) => PulseBatch.One(Set(device, g, random), ref left);

    public double ResetRun(int device, double g, ref int left, ulong random) => PulseBatch.One(Reset(device, g, random), ref left);

    public void Run8(Vector256<int> devices, ref Vector512<double> g, ref Vector256<int> pulses, Vector512<ulong> words) =>
        PulseBatch.Run8Scalar(this, devices, ref g, ref pulses, words);

    public bool HasScatteredKernel => false;

    public bool UsesRandom => true;

    public void SetBatch(int first, Span<double> g, ReadOnlySpan<ulong> words) => _table.ApplyBatch(true, g, words, _min, _max);

    public void ResetBatch(int first, Span<double> g, ReadOnlySpan<ulong> words) => _table.ApplyBatch(false, g, words, _min, _max);

    public double FullReset(int device, ulong random) => _initial;
}
