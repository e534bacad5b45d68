using System.Numerics.Tensors;
using Crossbar.Modules;
using Crossbar.Modules.Layers;
using Crossbar.Numerics;

namespace Crossbar.Training;

/// <summary>
/// Hardware-aware training of a graph (004 Fig. 4 "custom training"; Joshi et al., Nat. Commun. 11, 2473 (2020);
/// aihwkit's weight modifiers): before each training batch every Conv2d/Linear weight becomes
/// W + σ_a·max|W|·ξ + σ_m·W·ξ′ (additive noise relative to the layer's max |w|, multiplicative noise), one draw per
/// batch as the modifiers do; the gradient of the noisy network is applied to the clean weights, which are restored
/// before the optimiser step. Every <c>clip_every</c> steps (and at <see cref="Finish"/>) weights are clipped to
/// ±clip·std(W) so that max |W|, which maps to g_max, is not set by a few outliers.
/// </summary>
public sealed class WeightNoiseHook : ITrainingHook
{
    private readonly Parameter[] _weights;
    private readonly float[][] _clean;
    private readonly float[] _noise;
    private readonly double _additive;
    private readonly double _multiplicative;
    private readonly double _clip;
    private readonly int _clipEvery;
    private readonly ulong[] _keys;

    public WeightNoiseHook(Graph graph, double additive, double multiplicative, double clip, int clipEvery, ulong seed)
    {
        _weights = graph.Nodes.Select(n => n.Module switch { Conv2d c => c.Weight, Linear l => l.Weight, _ => null })
            .OfType<Parameter>().ToArray();
        _clean = _weights.Select(w => new float[w.Length]).ToArray();
        _noise = new float[_weights.Length == 0 ? 0 : _weights.Max(w => w.Length)];
        _keys = _weights.Select((_, i) => CounterRng.StreamKey(seed, "hardware-aware-noise", (ulong)i)).ToArray();
        _additive = additive;
        _multiplicative = multiplicative;
        _clip = clip;
        _clipEvery = Math.Max(1, clipEvery);
    }

    /// <summary>Layers whose weights get noise.</summary>
    public int Layers => _weights.Length;

    public void BeforeForward(long step)
    {
        if (_additive <= 0 && _multiplicative <= 0)
        {
            return;
        }
        for (int l = 0; l < _weights.Length; l++)
        {
            var w = _weights[l].Value.AsSpan();
            w.CopyTo(_clean[l]);
            var z = _noise.AsSpan(0, w.Length);
            ulong counter = (ulong)step * 2 * GaussianBlock.Hashes(w.Length);
            if (_additive > 0)
            {
                float sigma = (float)(_additive * Math.Abs(TensorPrimitives.MaxMagnitude<float>(w)));
                GaussianBlock.Fill(_keys[l], counter, z);
                TensorPrimitives.MultiplyAdd(z, sigma, w, w);
            }
            if (_multiplicative > 0)
            {
                var clean = _clean[l].AsSpan();
                GaussianBlock.Fill(_keys[l], counter + GaussianBlock.Hashes(w.Length), z);
                TensorPrimitives.Multiply(z, (float)_multiplicative, z);
                TensorPrimitives.MultiplyAdd(z, clean, w, w); // w += σ_m·ξ′·W_clean
            }
        }
    }

    public void BeforeStep(long step)
    {
        if (_additive <= 0 && _multiplicative <= 0)
        {
            return;
        }
        for (int l = 0; l < _weights.Length; l++)
        {
            _clean[l].CopyTo(_weights[l].Value, 0);
        }
    }

    public void AfterStep(long step)
    {
        if ((step + 1) % _clipEvery == 0)
        {
            Clip();
        }
    }

    /// <summary>Clips once more at the end of training.</summary>
    public void Finish() => Clip();

    private void Clip()
    {
        if (_clip <= 0)
        {
            return;
        }
        foreach (var p in _weights)
        {
            var w = p.Value.AsSpan();
            double mean = TensorPrimitives.Sum<float>(w) / w.Length;
            double var = TensorPrimitives.SumOfSquares<float>(w) / w.Length - mean * mean;
            float limit = (float)(_clip * Math.Sqrt(Math.Max(var, 0)));
            if (limit > 0)
            {
                TensorPrimitives.Clamp(w, -limit, limit, w);
            }
        }
    }
}
