using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using Crossbar.Config;

namespace Crossbar.Devices;

/// <summary>
/// Device array of one model. The pulse loops are generic over the model struct, so the JIT emits one specialised,
/// inlined loop per model.
/// </summary>
public sealed class DeviceArray<TModel> : DeviceArray where TModel : struct, IDeviceModel
{
    private const int ScatterChunk = 256;
    private TModel _model;
    private readonly bool _timed;
    private ScatterScratch? _setScratch;
    private ScatterScratch? _resetScratch;

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
        if (_timed || Endurance != int.MaxValue)
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
        _setScratch ??= new ScatterScratch(ScatterChunk);
        _resetScratch ??= new ScatterScratch(ScatterChunk);
        for (int c = 0; c < columns.Length; c += ScatterChunk)
        {
            int len = Math.Min(ScatterChunk, columns.Length - c);
            Scattered(start, columns.Slice(c, len), pulses.Slice(c, len), _setScratch, _resetScratch);
        }
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
    /// Pulses for up to <see cref="ScatterChunk"/> scattered devices: one branch-free pass splits them into a SET and a
    /// RESET list (their state gathered, their pulse counts booked), then each list runs in rounds: each round gives
    /// every device with pulses left one pulse, or the rest of its run where the model draws it as one event, through
    /// the model's scattered (SIMD where it has one) kernel. Each step uses the word of (device, pulse number), as
    /// <see cref="Pulse{TDir}"/> does, so the result is the same bit for bit.
    /// </summary>
    private void Scattered(int start, ReadOnlySpan<int> columns, ReadOnlySpan<int> pulses, ScatterScratch set, ScatterScratch reset)
    {
        int ms = 0, mr = 0;
        for (int t = 0; t < columns.Length; t++)
        {
            int n = pulses[t];
            int d = CheckedDevice(start, columns[t]);
            int used = SetPulses[d] + ResetPulses[d];
            double g = Stored[d];
            int up = n > 0 ? n : 0;
            int down = n < 0 ? -n : 0;
            SetPulses[d] += up;
            ResetPulses[d] += down;
            // Write both lists, keep the entry in the one it belongs to (the sign of x·δ is random: no branch).
            set.Device[ms] = d;
            set.Next[ms] = used;
            set.Left[ms] = up;
            set.Count[ms] = up;
            set.G[ms] = g;
            ms += up > 0 ? 1 : 0;
            reset.Device[mr] = d;
            reset.Next[mr] = used;
            reset.Left[mr] = down;
            reset.Count[mr] = down;
            reset.G[mr] = g;
            mr += down > 0 ? 1 : 0;
        }
        if (ms > 0)
        {
            ScatteredRounds<SetDirection>(ms, set);
        }
        if (mr > 0)
        {
            ScatteredRounds<ResetDirection>(mr, reset);
        }
    }

    private void ScatteredRounds<TDir>(int m, ScatterScratch s) where TDir : struct, IPulseDirection
    {
        ulong key = PulseKey;
        bool random = _model.UsesRandom;
        while (m > 0)
        {
            var devices = s.Device.AsSpan(0, m);
            var g = s.G.AsSpan(0, m);
            var words = s.Words.AsSpan(0, m);
            if (random)
            {
                PulseBatch.FillWordsScattered(key, devices, s.Next.AsSpan(0, m), words);
            }
            var left = s.Left.AsSpan(0, m);
            if (TDir.IsSet)
            {
                _model.SetScattered(devices, g, left, words);
            }
            else
            {
                _model.ResetScattered(devices, g, left, words);
            }
            int k = 0;
            for (int l = 0; l < m; l++)
            {
                int d = s.Device[l];
                int remaining = s.Left[l];
                if (remaining > 0)
                {
                    s.Device[k] = d;
                    s.Next[k] = s.Next[l] + (s.Count[l] - remaining);
                    s.Count[k] = remaining;
                    s.Left[k] = remaining;
                    s.G[k] = s.G[l];
                    k++;
                }
                else
                {
                    Stored[d] = _model.EndEvent(d, s.G[l], TDir.IsSet, s.Words[l]);
                }
            }
            m = k;
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
