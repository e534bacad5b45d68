using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Crossbar.Config;
using Crossbar.Numerics;

namespace Crossbar.Updates;

/// <summary>
/// Pulse trains of up to 256 time slots as bit masks (one ulong per 64 slots). A device receives one pulse per slot
/// in which its word-line and bit-line both carry a pulse, so the pulse count of synapse (i, j) is
/// popcount(train_i AND train_j) — the coincidence detection of 003 Eq. 4 and 001 Fig. 14.
/// </summary>
public sealed class PulseTrains
{
    private readonly ulong[] _bits;

    public PulseTrains(int neurons, int slots)
    {
        if (slots is < 1 or > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(slots), "1 to 256 slots");
        }
        Neurons = neurons;
        Slots = slots;
        Words = (slots + 63) / 64;
        _bits = new ulong[neurons * Words];
        Sign = new sbyte[neurons];
    }

    public int Neurons { get; }

    public int Slots { get; }

    public int Words { get; }

    /// <summary>Sign of each neuron's value (the train carries |value|).</summary>
    public sbyte[] Sign { get; }

    public ReadOnlySpan<ulong> Train(int neuron) => new(_bits, neuron * Words, Words);

    /// <summary>The first 64 slots of a neuron's train (the whole train when <see cref="Words"/> is 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong FirstWord(int neuron) => _bits[neuron * Words];

    public bool IsEmpty(int neuron)
    {
        for (int w = 0; w < Words; w++)
        {
            if (_bits[neuron * Words + w] != 0)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Pulses the device at the crossing of two trains receives.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Coincidences(PulseTrains rows, int i, PulseTrains cols, int j)
    {
        if (rows.Words == 1)
        {
            return BitOperations.PopCount(rows._bits[i] & cols._bits[j]);
        }
        int n = 0;
        int a = i * rows.Words, b = j * cols.Words;
        for (int w = 0; w < rows.Words; w++)
        {
            n += BitOperations.PopCount(rows._bits[a + w] & cols._bits[b + w]);
        }
        return n;
    }

    /// <summary>
    /// Each slot fires independently with probability min(1, scale·|v|): a Bernoulli stream (003 Eq. 3).
    /// </summary>
    public void EncodeBernoulli(int neuron, float value, float scale, ref CounterRng rng)
    {
        Sign[neuron] = (sbyte)MathF.Sign(value);
        float p = MathF.Min(1f, scale * MathF.Abs(value));
        var dst = _bits.AsSpan(neuron * Words, Words);
        dst.Clear();
        if (p <= 0f)
        {
            return;
        }
        // Compare 24-bit uniforms with a 24-bit threshold: exact for p = 1 and reproducible for a seed.
        uint threshold = (uint)MathF.Round(p * (1 << 24));
        if (threshold == 0)
        {
            rng.Counter += (ulong)Slots; // no slot can fire; the stream still moves on as if drawn
            return;
        }
        if (Slots <= 64 && Avx512DQ.IsSupported)
        {
            dst[0] = BernoulliWord(rng.Key, rng.Counter, Slots, threshold);
            rng.Counter += (ulong)Slots;
            return;
        }
        for (int s = 0; s < Slots; s++)
        {
            if ((uint)(rng.NextUInt64() >> 40) < threshold)
            {
                dst[s >> 6] |= 1UL << (s & 63);
            }
        }
    }

    /// <summary>
    /// The slots of one Bernoulli train (≤ 64) eight at a time: the same stream words as the scalar loop
    /// (<see cref="CounterRng.At"/> of counter, counter + 1, …), compared with the threshold in SIMD, so the train is
    /// identical bit for bit and the unpredictable per-slot branch is gone.
    /// </summary>
    private static ulong BernoulliWord(ulong key, ulong counter, int slots, uint threshold)
    {
        var vKey = Vector512.Create(key);
        var golden = Vector512.Create(0x9E3779B97F4A7C15UL);
        var m1 = Vector512.Create(0xBF58476D1CE4E5B9UL);
        var m2 = Vector512.Create(0x94D049BB133111EBUL);
        var lane = Vector512.Create(1UL, 2, 3, 4, 5, 6, 7, 8); // At(key, i) hashes key + (i + 1)·golden
        var limit = Vector512.Create((ulong)threshold);
        ulong bits = 0;
        for (int s = 0; s < slots; s += 8)
        {
            var z = vKey + Avx512DQ.MultiplyLow(Vector512.Create(counter + (ulong)s) + lane, golden);
            z = Avx512DQ.MultiplyLow(z ^ (z >> 30), m1);
            z = Avx512DQ.MultiplyLow(z ^ (z >> 27), m2);
            z ^= z >> 31;
            bits |= Vector512.LessThan(z >> 40, limit).ExtractMostSignificantBits() << s;
        }
        return slots == 64 ? bits : bits & ((1UL << slots) - 1);
    }

    /// <summary>
    /// n = Slots·min(1, scale·|v|) pulses — rounded to nearest, or stochastically (⌊·⌋ plus one with probability of
    /// the fraction, so E[n] is exact and small values are not lost) — placed deterministically (first n slots for
    /// rows, evenly spread for columns, so the overlap is ⌊n_x·n_δ/N⌋) or in n random slots.
    /// </summary>
    public void EncodeCount(int neuron, float value, float scale, PulsePlacement placement, bool spread, bool stochasticRounding, ref CounterRng rng)
    {
        Sign[neuron] = (sbyte)MathF.Sign(value);
        float exact = Slots * MathF.Min(1f, scale * MathF.Abs(value));
        int n = stochasticRounding ? (int)exact + (rng.NextFloat() < exact - MathF.Floor(exact) ? 1 : 0) : (int)MathF.Round(exact);
        var dst = _bits.AsSpan(neuron * Words, Words);
        dst.Clear();
        if (n <= 0)
        {
            return;
        }
        if (placement == PulsePlacement.Deterministic)
        {
            for (int s = 0; s < Slots; s++)
            {
                bool fire = spread ? ((s + 1) * n / Slots) - (s * n / Slots) == 1 : s < n;
                if (fire)
                {
                    dst[s >> 6] |= 1UL << (s & 63);
                }
            }
            return;
        }
        // Random placement: choose n of the slots without replacement (selection sampling, Knuth's Algorithm S).
        // Branch-free: whether a slot is taken is a coin flip the predictor cannot learn, so it feeds the mask and the
        // count as data.
        int needed = n;
        for (int s = 0; s < Slots && needed > 0; s++)
        {
            int take = rng.NextInt(Slots - s) < needed ? 1 : 0;
            dst[s >> 6] |= (ulong)take << (s & 63);
            needed -= take;
        }
    }
}
