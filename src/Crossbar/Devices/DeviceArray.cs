using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Crossbar.Config;
using Crossbar.Numerics;

namespace Crossbar.Devices;

/// <summary>
/// State of many devices of one model, as structure-of-arrays (one entry per device): stored conductance,
/// SET/RESET pulse counts, and, when enabled, the device-to-device factor X, drift exponent ν and the time of the
/// event that started the device's drift/decay clock. Effects shared by all models (X, drift, decay, read noise,
/// endurance, energy) live here; the pulse response is the model's (<see cref="DeviceArray{TModel}"/>).
/// </summary>
/// <remarks>
/// <see cref="Stored"/> holds the conductance as it was right after the device's last reference event, in nominal
/// units; the present conductance is X·stored·drift(t)·decay(t). Without time effects and X the two are equal.
/// </remarks>
public abstract class DeviceArray : ICheckpointState
{
    private readonly double _t0;
    private readonly double _invRc;
    private readonly bool _driftFromReset;
    private readonly ReadNoiseConfig _readNoise;

    protected DeviceArray(int count, DeviceConfig config, ulong seed, string modelName)
    {
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }
        Count = count;
        Config = config;
        ModelName = modelName;
        PulseKey = CounterRng.StreamKey(seed, "device-pulses");
        Stored = new double[count];
        SetPulses = new int[count];
        ResetPulses = new int[count];
        Endurance = config.MaxPulses > 0 ? (int)Math.Min(config.MaxPulses, int.MaxValue) : int.MaxValue;
        SetEnergyPj = config.SetEnergyPj;
        ResetEnergyPj = config.ResetEnergyPj;
        _readNoise = config.ReadNoise;

        if (config.Variation > 0)
        {
            Variation = new double[count];
            var rng = CounterRng.ForStream(seed, "device-variation");
            for (int d = 0; d < count; d++)
            {
                // X ~ N(1, σ) (002 §3.2), kept non-negative: a conductance cannot change sign.
                Variation[d] = Math.Max(0.0, 1.0 + config.Variation * rng.NextGaussian());
            }
        }
        if (config.Drift.Enabled)
        {
            Nu = new double[count];
            var rng = CounterRng.ForStream(seed, "device-drift-nu");
            for (int d = 0; d < count; d++)
            {
                Nu[d] = Math.Max(0.0, config.Drift.Nu + config.Drift.NuStd * rng.NextGaussian());
            }
            _t0 = config.Drift.T0;
            _driftFromReset = config.Drift.From == DriftReference.Reset;
        }
        if (config.Decay.Enabled)
        {
            _invRc = 1.0 / config.Decay.Rc;
        }
        TimeDependent = Nu is not null || _invRc > 0;
        FlickerNoise = config.ReadNoise.Flicker;
        if (TimeDependent || FlickerNoise)
        {
            ReferenceTime = new double[count];
        }
    }

    public int Count { get; }

    public DeviceConfig Config { get; }

    public string ModelName { get; }

    /// <summary>Key of the pulse random stream (see <see cref="PulseRandom.Word"/>).</summary>
    public ulong PulseKey { get; }

    /// <summary>Nominal conductance at the device's last reference event (see remarks).</summary>
    public double[] Stored { get; }

    /// <summary>SET (potentiating) pulses each device has received.</summary>
    public int[] SetPulses { get; }

    /// <summary>RESET (depressing) pulses each device has received, full RESETs included.</summary>
    public int[] ResetPulses { get; }

    /// <summary>Per-device factor X ~ N(1, σ), or null when <c>variation</c> is 0.</summary>
    public double[]? Variation { get; }

    /// <summary>Per-device drift exponent ν, or null without drift.</summary>
    public double[]? Nu { get; }

    /// <summary>Simulated time of each device's last reference event, or null without time effects.</summary>
    public double[]? ReferenceTime { get; }

    /// <summary>Pulses (SET + RESET) a device survives; it is stuck afterwards.</summary>
    public int Endurance { get; }

    public double SetEnergyPj { get; }

    public double ResetEnergyPj { get; }

    /// <summary>True when drift or decay is on: the present conductance depends on <see cref="Clock"/>.</summary>
    public bool TimeDependent { get; }

    public bool FlickerNoise { get; }

    public bool HasReadNoise => _readNoise.Enabled;

    /// <summary>Simulated time in seconds; the tile advances it per example.</summary>
    public double Clock { get; set; }

    /// <summary>Lowest nominal conductance of a device.</summary>
    public abstract double Min(int device);

    /// <summary>Highest nominal conductance of a device.</summary>
    public abstract double Max(int device);

    /// <summary>Applies <paramref name="pulses"/> SET pulses to one device.</summary>
    public abstract void ApplySet(int device, int pulses);

    /// <summary>Applies <paramref name="pulses"/> RESET pulses to one device.</summary>
    public abstract void ApplyReset(int device, int pulses);

    /// <summary>SET pulses to a contiguous range: device <c>start + j</c> gets <c>pulses[j]</c> (0 = untouched).</summary>
    public abstract void ApplySetRange(int start, ReadOnlySpan<int> pulses);

    /// <summary>RESET pulses to a contiguous range: device <c>start + j</c> gets <c>pulses[j]</c>.</summary>
    public abstract void ApplyResetRange(int start, ReadOnlySpan<int> pulses);

    /// <summary>Signed pulses to a contiguous range: device <c>start + j</c> gets <c>pulses[j]</c> SET pulses when positive, −<c>pulses[j]</c> RESET pulses when negative.</summary>
    public abstract void ApplySignedRange(int start, ReadOnlySpan<int> pulses);

    /// <summary>
    /// Signed pulses to scattered devices of a range: device <c>start + columns[t]</c> gets <c>pulses[t]</c> SET pulses
    /// when positive, −<c>pulses[t]</c> RESET pulses when negative. Columns must be distinct. The same result as
    /// <see cref="ApplySignedRange"/>, through SIMD kernels where the model has them — the training rules' fast path.
    /// </summary>
    public abstract void ApplySignedScattered(int start, ReadOnlySpan<int> columns, ReadOnlySpan<int> pulses);

    /// <summary>One SET pulse to every device in [start, start + count) — the dense kernel the benchmark measures.</summary>
    public abstract void ApplySetAll(int start, int count);

    /// <summary>One RESET pulse to every device in [start, start + count).</summary>
    public abstract void ApplyResetAll(int start, int count);

    /// <summary>
    /// The nominal conductance one more SET pulse would give, without applying it. Exact even for stochastic models:
    /// a pulse's random word depends only on (device, pulse number), so the prediction uses the very word the next
    /// pulse will use. Lets rules that "step while the result stays above W" (002 Fig. 2, method b) stop exactly.
    /// </summary>
    public abstract double PeekSetNominal(int device);

    /// <summary><see cref="PeekSetNominal"/> as a read would see it (× the device factor X).</summary>
    public double PeekSet(int device)
    {
        double g = PeekSetNominal(device);
        return Variation is null ? g : g * Variation[device];
    }

    /// <summary>
    /// The offsets i (ascending) of the devices start + i of [start, start + count) whose present nominal conductance
    /// lies above Min + <paramref name="fraction"/>·(Max − Min) — the "grown" test of occasional RESET for a whole plane
    /// in one call (instead of three virtual calls per device); returns how many were written to
    /// <paramref name="offsets"/>.
    /// </summary>
    public abstract int CollectGrown(int start, int count, double fraction, Span<int> offsets);

    /// <summary>Full RESET (initialisation) of one device; counts as one RESET pulse and restarts its clock.</summary>
    public abstract void FullReset(int device);

    /// <summary>Full RESET of every device without counting pulses (fabrication state before training).</summary>
    public abstract void Initialise();

    /// <summary>Sets a device's present nominal conductance directly (idealised write; no pulses counted).</summary>
    public void Write(int device, double g)
    {
        Stored[device] = g;
        if (ReferenceTime is not null)
        {
            ReferenceTime[device] = Clock;
        }
    }

    /// <summary>Adds a continuous conductance change (idealised update, clipped to the device's window).</summary>
    public void AddIdeal(int device, double delta)
    {
        double g = Math.Clamp(PresentNominal(device) + delta, Min(device), Max(device));
        Write(device, g);
    }

    /// <summary>Counts one programming (melt) pulse as a RESET pulse; false when the device is worn out.</summary>
    public bool CountProgrammingPulse(int device)
    {
        if (IsWornOut(device))
        {
            return false;
        }
        ResetPulses[device]++;
        return true;
    }

    public bool IsWornOut(int device) => SetPulses[device] + ResetPulses[device] >= Endurance;

    /// <summary>Drift × decay factor of a device at the present clock (1 without time effects).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double TimeFactor(int device)
    {
        if (!TimeDependent)
        {
            return 1.0;
        }
        double elapsed = Clock - ReferenceTime![device];
        double f = 1.0;
        if (Nu is not null && elapsed > _t0)
        {
            // G(t) = G(t0)·(t/t0)^(−ν) (001 §II, Fig. 9).
            f = Math.Exp(-Nu[device] * Math.Log(elapsed / _t0));
        }
        if (_invRc > 0 && elapsed > 0)
        {
            f *= Math.Exp(-elapsed * _invRc); // capacitor leak towards 0 (001 Fig. 11)
        }
        return f;
    }

    /// <summary>Present conductance in nominal units (no X, no read noise): what the next pulse starts from.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double PresentNominal(int device) => TimeDependent ? Stored[device] * TimeFactor(device) : Stored[device];

    /// <summary>Present conductance as a read would see it, without read noise: X·G(t).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Present(int device)
    {
        double g = PresentNominal(device);
        return Variation is null ? g : g * Variation[device];
    }

    /// <summary>
    /// Present conductances X·G(t) of [start, start + dest.Length), vectorised: one fused pass computing
    /// stored·exp(−ν·ln(max(Δt/t₀, 1)) − max(Δt, 0)/RC)·X eight devices at a time (Vector512.Log/Exp, which are
    /// several times faster than the span-wide TensorPrimitives equivalents for double).
    /// </summary>
    public void ReadRange(int start, Span<double> dest)
    {
        int n = dest.Length;
        var stored = Stored.AsSpan(start, n);
        if (!TimeDependent)
        {
            stored.CopyTo(dest);
            if (Variation is not null)
            {
                TensorPrimitives.Multiply(dest, Variation.AsSpan(start, n), dest);
            }
            return;
        }
        var reference = ReferenceTime.AsSpan(start, n);
        var nu = Nu is null ? default : Nu.AsSpan(start, n);
        var x = Variation is null ? default : Variation.AsSpan(start, n);
        bool drift = Nu is not null, decay = _invRc > 0;
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var clock = Vector512.Create(Clock);
            var invT0 = Vector512.Create(drift ? 1.0 / _t0 : 1.0);
            var negInvRc = Vector512.Create(-_invRc);
            var one = Vector512<double>.One;
            for (; j <= n - 8; j += 8)
            {
                var elapsed = clock - Vector512.Create(reference.Slice(j, 8));
                var exponent = Vector512<double>.Zero;
                if (drift)
                {
                    exponent = -Vector512.Create(nu.Slice(j, 8)) * Vector512.Log(Vector512.Max(elapsed * invT0, one));
                }
                if (decay)
                {
                    exponent += Vector512.Max(elapsed, Vector512<double>.Zero) * negInvRc;
                }
                var g = Vector512.Create(stored.Slice(j, 8)) * Vector512.Exp(exponent);
                if (x.Length > 0)
                {
                    g *= Vector512.Create(x.Slice(j, 8));
                }
                g.CopyTo(dest.Slice(j, 8));
            }
        }
        for (; j < n; j++)
        {
            dest[j] = Present(start + j);
        }
    }

    /// <summary>σ of one read of a device whose present conductance is <paramref name="g"/>.</summary>
    public double ReadNoiseSigma(int device, double g)
    {
        double s = _readNoise.Relative * Math.Abs(g);
        if (FlickerNoise)
        {
            // 1/f noise accumulated since programming (004 Outlook; aihwkit PCM-like form).
            double elapsed = Math.Max(0.0, Clock - ReferenceTime![device]);
            double ratio = (elapsed + _readNoise.TRead) / (2 * _readNoise.TRead);
            if (ratio > 1)
            {
                double rel = Math.Max(Math.Abs(g) / _readNoise.GRef, 1e-3);
                double q = Math.Min(_readNoise.QScale / Math.Pow(rel, _readNoise.QExponent), _readNoise.QMax);
                s += q * Math.Sqrt(Math.Log(ratio)) * Math.Abs(g);
            }
        }
        double a = _readNoise.Absolute;
        return a > 0 ? Math.Sqrt(s * s + a * a) : s;
    }

    /// <summary>One noisy read of a device (uses the caller's random stream).</summary>
    public double ReadNoisy(int device, ref CounterRng rng)
    {
        double g = Present(device);
        return HasReadNoise ? g + ReadNoiseSigma(device, g) * rng.NextGaussian() : g;
    }

    /// <summary>
    /// Checkpoint state: conductances, pulse counts (which also position every device's pulse random stream),
    /// reference times and the clock. X and ν are drawn from the seed when the array is built, so they are not saved.
    /// </summary>
    public void SaveState(BinaryWriter writer)
    {
        writer.Write((long)Count);
        StateIO.WriteArray<double>(writer, Stored);
        StateIO.WriteArray<int>(writer, SetPulses);
        StateIO.WriteArray<int>(writer, ResetPulses);
        writer.Write(ReferenceTime is not null);
        if (ReferenceTime is not null)
        {
            StateIO.WriteArray<double>(writer, ReferenceTime);
        }
        writer.Write(Clock);
    }

    public void LoadState(BinaryReader reader)
    {
        StateIO.Expect(reader, Count, "device count");
        StateIO.ReadArray<double>(reader, Stored, "device conductances");
        StateIO.ReadArray<int>(reader, SetPulses, "SET pulse counts");
        StateIO.ReadArray<int>(reader, ResetPulses, "RESET pulse counts");
        if (reader.ReadBoolean() != ReferenceTime is not null)
        {
            throw new InvalidDataException("device reference times: saved with other time effects (drift, decay, flicker noise)");
        }
        if (ReferenceTime is not null)
        {
            StateIO.ReadArray<double>(reader, ReferenceTime, "device reference times");
        }
        Clock = reader.ReadDouble();
    }

    public long TotalSetPulses => Sum(SetPulses);

    public long TotalResetPulses => Sum(ResetPulses);

    /// <summary>Energy spent by all pulses so far, in pJ (counts × energy per pulse, 000 §VI).</summary>
    public double EnergyPj => TotalSetPulses * SetEnergyPj + TotalResetPulses * ResetEnergyPj;

    private static long Sum(int[] a)
    {
        long s = 0;
        foreach (int v in a)
        {
            s += v;
        }
        return s;
    }

    /// <summary>Stores the result of pulses on a device whose present factor was <paramref name="factor"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected void StoreTimed(int device, double g, double factor, bool restartClock)
    {
        if (_driftFromReset && !restartClock && factor > 1e-30)
        {
            // 001 §II: partial SETs shift the state without restarting the relaxation that began at RESET.
            Stored[device] = g / factor;
            return;
        }
        Stored[device] = g;
        ReferenceTime![device] = Clock;
    }

    /// <summary>Restarts the clock of a device after a full RESET or an idealised write.</summary>
    protected void RestartClock(int device)
    {
        if (ReferenceTime is not null)
        {
            ReferenceTime[device] = Clock;
        }
    }
}
