using System.Runtime.CompilerServices;

namespace Crossbar.Numerics;

/// <summary>
/// Counter-based random numbers: value i of a stream is a keyed hash of (key, i), so any element can be computed
/// without the ones before it. Streams are derived from (seed, purpose, index), which makes every result independent
/// of thread count and of the order in which parallel work runs. The mixer is SplitMix64's finaliser
/// (Steele, Lea &amp; Flood 2014), which passes BigCrush when used this way.
/// </summary>
public struct CounterRng
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>The Weyl increment between consecutive indices of <see cref="At"/> (for vectorised copies of it).</summary>
    internal const ulong GoldenGamma = Golden;
    private readonly ulong _key;
    private ulong _counter;
    private double _spareGaussian;
    private bool _hasSpare;

    public CounterRng(ulong key, ulong counter = 0)
    {
        _key = key;
        _counter = counter;
        _spareGaussian = 0;
        _hasSpare = false;
    }

    /// <summary>A stream for one purpose ("init", "shuffle", "device-noise", …) and index (layer, epoch, …).</summary>
    public static CounterRng ForStream(ulong seed, string purpose, ulong index = 0) => new(StreamKey(seed, purpose, index));

    public static ulong StreamKey(ulong seed, string purpose, ulong index = 0)
    {
        ulong h = Mix(seed ^ 0x243F6A8885A308D3UL);
        foreach (char c in purpose)
        {
            h = Mix(h ^ c);
        }
        return Mix(h ^ Mix(index + Golden));
    }

    public readonly ulong Key => _key;

    public ulong Counter
    {
        readonly get => _counter;
        set => _counter = value;
    }

    /// <summary>Writes the stream's position (key, counter and the Gaussian kept for the next call) to a checkpoint.</summary>
    public readonly void Save(BinaryWriter writer)
    {
        writer.Write(_key);
        writer.Write(_counter);
        writer.Write(_spareGaussian);
        writer.Write(_hasSpare);
    }

    /// <summary>Restores a position written by <see cref="Save"/> into the same stream (the keys must agree).</summary>
    public void Load(BinaryReader reader, string what)
    {
        ulong key = reader.ReadUInt64();
        if (key != _key)
        {
            throw new InvalidDataException($"{what}: the random stream belongs to another seed or configuration");
        }
        _counter = reader.ReadUInt64();
        _spareGaussian = reader.ReadDouble();
        _hasSpare = reader.ReadBoolean();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The value at position <paramref name="index"/> of the stream with this key, statelessly.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong At(ulong key, ulong index) => Mix(key + (index + 1) * Golden);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64() => At(_key, _counter++);

    /// <summary>Uniform in [0, 1) with 53 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, 1) with 24 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float NextFloat() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>Uniform integer in [0, n).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextInt(int n) => (int)((NextUInt64() >> 32) * (ulong)n >> 32);

    /// <summary>Standard normal deviate (Box–Muller; the second value of each pair is kept for the next call).</summary>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareGaussian;
        }
        double u1 = 1.0 - NextDouble(); // (0, 1]
        double u2 = NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        double theta = 2.0 * Math.PI * u2;
        _spareGaussian = r * Math.Sin(theta);
        _hasSpare = true;
        return r * Math.Cos(theta);
    }

    /// <summary>Fisher–Yates shuffle of <paramref name="items"/>.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    public void FillUniform(Span<float> dest)
    {
        for (int i = 0; i < dest.Length; i++)
        {
            dest[i] = NextFloat();
        }
    }

    public void FillGaussian(Span<float> dest, float mean, float std)
    {
        for (int i = 0; i < dest.Length; i++)
        {
            dest[i] = mean + std * (float)NextGaussian();
        }
    }
}
