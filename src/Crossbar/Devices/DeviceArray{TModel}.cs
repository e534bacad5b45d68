using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Crossbar.Config;

namespace Crossbar.Devices;

/// <summary>
/// Device array of one model. The pulse loops are generic over the model struct, so the JIT emits one specialised,
/// inlined loop per model.
/// </summary>
public sealed class DeviceArray<TModel> : DeviceArray where TModel : struct, IDeviceModel
{
    private TModel _model;
    private readonly bool _timed;

    public DeviceArray(TModel model, int count, DeviceConfig config, ulong seed)
        : base(count, config, seed, TModel.Name)
    {
        _model = model;
        _timed = TimeDependent || FlickerNoise;
        Initialise();
    }

    public TModel Model => _model;

    public override double Min(int device) => _model.Min(device);

    public override double Max(int device) => _model.Max(device);

    public override void ApplySet(int device, int pulses) => Pulse<SetDirection>(device, pulses);

    public override void ApplyReset(int device, int pulses) => Pulse<ResetDirection>(device, pulses);

    public override void ApplySetRange(int start, ReadOnlySpan<int> pulses) => PulseRange<SetDirection>(start, pulses);

    public override void ApplyResetRange(int start, ReadOnlySpan<int> pulses) => PulseRange<ResetDirection>(start, pulses);

    public override void ApplySignedRange(int start, ReadOnlySpan<int> pulses)
    {
        if ((uint)start > (uint)Count || pulses.Length > Count - start)
        {
            throw new ArgumentOutOfRangeException(nameof(start));
        }
        for (int j = 0; j < pulses.Length; j++)
        {
            int n = pulses[j];
            if (n > 0)
            {
                Pulse<SetDirection>(start + j, n);
            }
            else if (n < 0)
            {
                Pulse<ResetDirection>(start + j, -n);
            }
        }
    }

    public override void ApplySignedScattered(int start, ReadOnlySpan<int> columns, ReadOnlySpan<int> pulses)
    {
        if (columns.Length != pulses.Length)
        {
            throw new ArgumentException("one pulse count per column expected", nameof(pulses));
        }
        if (_timed || Endurance != int.MaxValue || !_model.HasScatteredKernel)
        {
            for (int t = 0; t < columns.Length; t++)
            {
                int d = CheckedDevice(start, columns[t]);
                int n = pulses[t];
                if (n > 0)
                {
                    Pulse<SetDirection>(d, n);
                }
                else if (n < 0)
                {
                    Pulse<ResetDirection>(d, -n);
                }
            }
            return;
        }
        Scattered(start, columns, pulses);
    }

    public override void ApplySetAll(int start, int count) => PulseAll<SetDirection>(start, count);

    public override void ApplyResetAll(int start, int count) => PulseAll<ResetDirection>(start, count);

    public override double PeekSetNominal(int device)
    {
        int used = SetPulses[device] + ResetPulses[device];
        double g = PresentNominal(device);
        if (used >= Endurance)
        {
            return g;
        }
        ulong word = PulseRandom.Word(PulseKey, device, used);
        return _model.EndEvent(device, _model.Set(device, g, word), true, word); // exactly what ApplySet(device, 1) would leave
    }

    public override int CollectGrown(int start, int count, double fraction, Span<int> offsets)
    {
        if ((uint)start > (uint)Count || (uint)count > (uint)(Count - start) || offsets.Length < count)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"devices {start}..{start + count - 1} are outside 0..{Count - 1}");
        }
        int found = 0;
        for (int i = 0; i < count; i++)
        {
            int d = start + i;
            double lo = _model.Min(d), hi = _model.Max(d);
            if (PresentNominal(d) > lo + fraction * (hi - lo))
            {
                offsets[found++] = i; // rare: the branch predicts well
            }
        }
        return found;
    }

    public override void FullReset(int device)
    {
        int used = SetPulses[device] + ResetPulses[device];
        if (used >= Endurance)
        {
            return;
        }
        Stored[device] = _model.FullReset(device, PulseRandom.Word(PulseKey, device, used));
        ResetPulses[device]++;
        RestartClock(device);
    }

    public override void Initialise()
    {
        for (int d = 0; d < Count; d++)
        {
            // Pulse index −1 keeps the initial state's random word apart from every pulse's.
            Stored[d] = _model.FullReset(d, PulseRandom.Word(PulseKey, d, (1L << 36) - 1));
            RestartClock(d);
        }
    }

    private void PulseRange<TDir>(int start, ReadOnlySpan<int> pulses) where TDir : struct, IPulseDirection
    {
        if ((uint)start > (uint)Count || pulses.Length > Count - start)
        {
            throw new ArgumentOutOfRangeException(nameof(start));
        }
        for (int j = 0; j < pulses.Length; j++)
        {
            int n = pulses[j];
            if (n > 0)
            {
                Pulse<TDir>(start + j, n);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Pulse<TDir>(int device, int pulses) where TDir : struct, IPulseDirection
    {
        int used = SetPulses[device] + ResetPulses[device];
        int left = Endurance - used;
        if (pulses > left)
        {
            pulses = left; // worn out: the device stays where it is (endurance)
        }
        if (pulses <= 0)
        {
            return;
        }
        ulong key = PulseKey;
        double g;
        double factor = 1.0;
        if (_timed)
        {
            factor = TimeFactor(device);
            g = Stored[device] * factor;
        }
        else
        {
            g = Stored[device];
        }
        ulong word = 0;
        for (int p = 0; p < pulses;)
        {
            // One pulse, or the rest of the run at once where the model draws it as one event (IDeviceModel.SetRun).
            word = PulseRandom.Word(key, device, used + p);
            int rest = pulses - p;
            g = TDir.IsSet ? _model.SetRun(device, g, ref rest, word) : _model.ResetRun(device, g, ref rest, word);
            p = pulses - rest;
        }
        g = _model.EndEvent(device, g, TDir.IsSet, word);
        if (_timed)
        {
            StoreTimed(device, g, factor, restartClock: !TDir.IsSet);
        }
        else
        {
            Stored[device] = g;
        }
        if (TDir.IsSet)
        {
            SetPulses[device] += pulses;
        }
        else
        {
            ResetPulses[device] += pulses;
        }
    }

    /// <summary>
    /// Scattered pulses through the model's SIMD kernel, eight devices at a time (the last group padded with idle
    /// lanes): state and pulse numbers gathered, the pulses' words hashed in SIMD, one <see cref="IDeviceModel.Run8"/>
    /// call, and the busy lanes written back. A run the model could not draw at once (near a bound) finishes on the
    /// scalar path, continuing the same pulse numbering, so the result equals <see cref="Pulse{TDir}"/> bit for bit.
    /// </summary>
    private unsafe void Scattered(int start, ReadOnlySpan<int> columns, ReadOnlySpan<int> pulses)
    {
        int n = columns.Length;
        if (n == 0)
        {
            return;
        }
        Span<int> lanes = stackalloc int[8];
        Span<int> counts = stackalloc int[8];
        Span<double> gs = stackalloc double[8];
        Span<int> rests = stackalloc int[8];
        ulong key = PulseKey;
        var first = Vector256.Create(start);
        var limit = Vector256.Create((uint)Count);
        fixed (double* stored = Stored)
        fixed (int* set = SetPulses)
        fixed (int* reset = ResetPulses)
        {
            for (int t = 0; t < n; t += 8)
            {
                int busy = Math.Min(8, n - t);
                Vector256<int> cols, count;
                if (busy == 8)
                {
                    cols = Vector256.Create(columns.Slice(t, 8));
                    count = Vector256.Create(pulses.Slice(t, 8));
                }
                else
                {
                    for (int l = 0; l < 8; l++)
                    {
                        lanes[l] = columns[t + (l < busy ? l : 0)];
                        counts[l] = l < busy ? pulses[t + l] : 0;
                    }
                    cols = Vector256.Create<int>(lanes);
                    count = Vector256.Create<int>(counts);
                }
                var d = first + cols;
                if (!Vector256.LessThanAll(d.AsUInt32(), limit) || !Vector256.GreaterThanOrEqualAll(cols, Vector256<int>.Zero))
                {
                    throw new ArgumentOutOfRangeException(nameof(columns), $"a column of {start} + columns is outside 0..{Count - 1}");
                }
                // Plain loads into registers rather than vgather (microcoded on AMD Zen 4) or a trip through memory.
                d.CopyTo(lanes);
                int d0 = lanes[0], d1 = lanes[1], d2 = lanes[2], d3 = lanes[3], d4 = lanes[4], d5 = lanes[5], d6 = lanes[6], d7 = lanes[7];
                var used = Vector256.Create(set[d0] + reset[d0], set[d1] + reset[d1], set[d2] + reset[d2], set[d3] + reset[d3],
                                            set[d4] + reset[d4], set[d5] + reset[d5], set[d6] + reset[d6], set[d7] + reset[d7]);
                var g = Vector512.Create(stored[d0], stored[d1], stored[d2], stored[d3], stored[d4], stored[d5], stored[d6], stored[d7]);
                var rest = count;
                _model.Run8(d, ref g, ref rest, PulseBatch.Words8(key, d, used));
                g.CopyTo(gs);
                rest.CopyTo(rests);
                (count - rest).CopyTo(counts);
                for (int l = 0; l < busy; l++)
                {
                    // Branch-free write-back (the direction of each lane is random); idle lanes change nothing.
                    int dev = lanes[l];
                    int applied = counts[l];
                    stored[dev] = gs[l];
                    set[dev] += Math.Max(applied, 0);
                    reset[dev] += Math.Max(-applied, 0);
                }
                if (rest != Vector256<int>.Zero)
                {
                    for (int l = 0; l < busy; l++)
                    {
                        int r = rests[l];
                        if (r > 0)
                        {
                            Pulse<SetDirection>(lanes[l], r);
                        }
                        else if (r < 0)
                        {
                            Pulse<ResetDirection>(lanes[l], -r);
                        }
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int CheckedDevice(int start, int column)
    {
        int d = start + column;
        if ((uint)d >= (uint)Count || column < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(column), $"device {start} + {column} is outside 0..{Count - 1}");
        }
        return d;
    }

    private void PulseAll<TDir>(int start, int count) where TDir : struct, IPulseDirection
    {
        if ((uint)start > (uint)Count || count > Count - start || count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(start));
        }
        if (_timed || Endurance != int.MaxValue)
        {
            for (int j = 0; j < count; j++)
            {
                Pulse<TDir>(start + j, 1);
            }
            return;
        }
        // Dense path: no time effects and no endurance limit. Random words for a chunk are drawn in SIMD, then the
        // model's batch kernel (SIMD where it has one) applies one pulse per device.
        var model = _model;
        ulong key = PulseKey;
        bool random = model.UsesRandom;
        Span<ulong> words = stackalloc ulong[PulseBatch.Chunk];
        for (int c = 0; c < count; c += PulseBatch.Chunk)
        {
            int len = Math.Min(PulseBatch.Chunk, count - c);
            int first = start + c;
            var g = Stored.AsSpan(first, len);
            var set = SetPulses.AsSpan(first, len);
            var reset = ResetPulses.AsSpan(first, len);
            var w = words[..len];
            if (random)
            {
                PulseBatch.FillWords(key, first, set, reset, w);
            }
            if (TDir.IsSet)
            {
                model.SetBatch(first, g, w);
                TensorPrimitives.Add(set, 1, set);
            }
            else
            {
                model.ResetBatch(first, g, w);
                TensorPrimitives.Add(reset, 1, reset);
            }
        }
    }
}

/// <summary>Compile-time pulse direction, so the generic kernels carry no per-pulse branch on it.</summary>
public interface IPulseDirection
{
    static abstract bool IsSet { get; }
}

public readonly struct SetDirection : IPulseDirection
{
    public static bool IsSet => true;
}

public readonly struct ResetDirection : IPulseDirection
{
    public static bool IsSet => false;
}
