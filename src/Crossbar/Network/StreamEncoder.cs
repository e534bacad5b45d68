using Crossbar.Numerics;

namespace Crossbar.Network;

/// <summary>
/// Encodes values as Bernoulli bit streams of length BL and hands on the stream means (k/BL, signed), as a
/// stochastic forward or backward pass does (003 §III "stochastic DNN"): |v| is clipped to 1.
/// </summary>
public sealed class StreamEncoder(int bitLength, ulong seed, string purpose, int layer) : ICheckpointState
{
    private CounterRng _rng = CounterRng.ForStream(seed, purpose, (ulong)layer);

    public int BitLength { get; } = bitLength;

    /// <summary>Checkpoint state: the stream's position.</summary>
    public void SaveState(BinaryWriter writer) => _rng.Save(writer);

    public void LoadState(BinaryReader reader) => _rng.Load(reader, "stochastic stream encoder");

    public void Encode(ReadOnlySpan<float> values, Span<float> means)
    {
        float inv = 1f / BitLength;
        for (int i = 0; i < values.Length; i++)
        {
            float v = values[i];
            float p = MathF.Min(1f, MathF.Abs(v));
            if (p == 0f)
            {
                means[i] = 0f;
                continue;
            }
            int k = 0;
            for (int b = 0; b < BitLength; b++)
            {
                if (_rng.NextFloat() < p)
                {
                    k++;
                }
            }
            means[i] = MathF.CopySign(k * inv, v);
        }
    }
}
