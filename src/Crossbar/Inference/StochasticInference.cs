using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using Crossbar.Config;
using Crossbar.Network;
using Crossbar.Network.Activations;
using Crossbar.Numerics;

namespace Crossbar.Inference;

/// <summary>
/// Stochastic inference with BL-bit Bernoulli streams (003 §II Eq. 3, §IV Fig. 5): every layer's input — the image
/// and each hidden activation — is sent as a stream of BL bits with P(1) = |x|, and the crossbar sees the stream
/// mean (Binomial(BL, |x|)/BL, E = |x|, Var = |x|(1 − |x|)/BL), signed as x for mean-normalised inputs in [−1, 1].
/// The output layer's pre-activations pick the class (softmax is monotonic). Buffers are allocated once.
/// </summary>
public sealed class StochasticInference
{
    private readonly IReadOnlyList<ILayer> _layers;
    private readonly Activation _hidden;
    private readonly float[][] _a;
    private readonly float[][] _z;

    public StochasticInference(Mlp network, NetworkConfig config)
    {
        _layers = network.Layers;
        _hidden = Activation.Create(config.HiddenActivation);
        _a = new float[_layers.Count][];
        _z = new float[_layers.Count][];
        for (int l = 0; l < _layers.Count; l++)
        {
            _a[l] = new float[_layers[l].Inputs];
            _z[l] = new float[_layers[l].Outputs];
        }
    }

    /// <summary>Class predicted for <paramref name="x"/> with streams of <paramref name="bitLength"/> bits.</summary>
    public int Predict(ReadOnlySpan<float> x, int bitLength, ref CounterRng rng)
    {
        Encode(x, _a[0], bitLength, ref rng);
        int n = _layers.Count;
        for (int l = 0; l < n; l++)
        {
            _layers[l].Forward(_a[l], _z[l]);
            if (l + 1 < n)
            {
                _hidden.Apply(_z[l], _a[l + 1]);
                Encode(_a[l + 1], _a[l + 1], bitLength, ref rng);
            }
        }
        return TensorPrimitives.IndexOfMax(_z[n - 1]);
    }

    /// <summary>
    /// dest[i] = sign(x_i)·(number of ones in BL Bernoulli(|x_i|) bits)/BL, |x_i| clipped to 1. Sixteen bits come
    /// from four 64-bit random words (16-bit uniforms compared with ⌊65536·p⌋, so P has resolution 2⁻¹⁶).
    /// </summary>
    public static void Encode(ReadOnlySpan<float> x, Span<float> dest, int bitLength, ref CounterRng rng)
    {
        float inv = 1f / bitLength;
        for (int i = 0; i < x.Length; i++)
        {
            float v = x[i];
            float p = MathF.Min(MathF.Abs(v), 1f);
            if (p == 0f || p == 1f)
            {
                dest[i] = v == 0f ? 0f : MathF.CopySign(p, v);
                continue;
            }
            var threshold = Vector256.Create((ushort)Math.Min(p * 65536f, 65535f));
            int ones = 0;
            for (int left = bitLength; left > 0; left -= 16)
            {
                // 16 bits per step: four 64-bit words read as sixteen 16-bit uniforms, compared at once.
                var words = Vector256.Create(rng.NextUInt64(), rng.NextUInt64(), rng.NextUInt64(), rng.NextUInt64()).AsUInt16();
                uint mask = Vector256.LessThan(words, threshold).ExtractMostSignificantBits();
                if (left < 16)
                {
                    mask &= (1u << left) - 1;
                }
                ones += BitOperations.PopCount(mask);
            }
            dest[i] = MathF.CopySign(ones * inv, v);
        }
    }
}
