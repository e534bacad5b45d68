using System.Numerics.Tensors;
using Crossbar.Network;
using Crossbar.Numerics;

namespace Crossbar.Inference;

/// <summary>
/// Training-time wrapper of a float layer for hardware-aware training (004 Fig. 4 "custom training"; after Murray &amp;
/// Edwards 1993, aihwkit's relative Gaussian weight modifier): every forward pass sees weights W + σ·max|W|·ξ.
/// Independent Gaussian weight noise gives each output Σ_i x_i·ξ_ij·s, which is exactly Gaussian with variance
/// s²·Σ_i x_i² (bias input 1 included), so it is drawn once per output instead of once per weight. Gradients use the
/// clean weights. Optional clipping to ±c·std(W) every N updates keeps max|W| small so that the conductance range is
/// used well after mapping (aihwkit layer-Gaussian clipping).
/// </summary>
public sealed class HardwareAwareLayer(DenseLayer inner, double relativeNoise, double clip, int clipEvery, ulong seed, int index) : ILayer
{
    private CounterRng _rng = CounterRng.ForStream(seed, "hardware-aware-noise", (ulong)index);
    private float _sigma = (float)(relativeNoise * MaxAbs(inner.Weights));
    private int _updates;

    public DenseLayer Inner { get; } = inner;

    /// <summary>False for clean forward passes (e.g. final evaluation).</summary>
    public bool NoiseEnabled { get; set; } = true;

    public int Inputs => Inner.Inputs;

    public int Outputs => Inner.Outputs;

    public bool HasBias => Inner.HasBias;

    public void Forward(ReadOnlySpan<float> x, Span<float> z)
    {
        Inner.Forward(x, z);
        if (!NoiseEnabled || _sigma <= 0)
        {
            return;
        }
        float norm = MathF.Sqrt(TensorPrimitives.SumOfSquares(x) + (HasBias ? 1f : 0f));
        float s = _sigma * norm;
        for (int j = 0; j < z.Length; j++)
        {
            z[j] += s * (float)_rng.NextGaussian();
        }
    }

    public void Backward(ReadOnlySpan<float> delta, Span<float> deltaIn) => Inner.Backward(delta, deltaIn);

    public void Update(ReadOnlySpan<float> x, ReadOnlySpan<float> delta, float learningRate)
    {
        Inner.Update(x, delta, learningRate);
        AfterUpdate();
    }

    public void BackwardAndUpdate(ReadOnlySpan<float> x, ReadOnlySpan<float> delta, Span<float> deltaIn, float learningRate)
    {
        Inner.BackwardAndUpdate(x, delta, deltaIn, learningRate);
        AfterUpdate();
    }

    public void Accumulate(ReadOnlySpan<float> x, ReadOnlySpan<float> delta) => Inner.Accumulate(x, delta);

    public void ApplyAccumulated(float learningRate, int batch)
    {
        Inner.ApplyAccumulated(learningRate, batch);
        AfterUpdate();
    }

    public void CopyWeights(Span<float> destination) => Inner.CopyWeights(destination);

    /// <summary>Clips now (end of training) and refreshes the noise scale.</summary>
    public void Finish()
    {
        ClipWeights();
        _sigma = (float)(relativeNoise * MaxAbs(Inner.Weights));
    }

    private void AfterUpdate()
    {
        if (++_updates % clipEvery == 0)
        {
            ClipWeights();
            _sigma = (float)(relativeNoise * MaxAbs(Inner.Weights));
        }
    }

    private void ClipWeights()
    {
        if (clip <= 0)
        {
            return;
        }
        var w = Inner.Weights;
        double mean = TensorPrimitives.Sum<float>(w) / w.Length;
        double var = TensorPrimitives.SumOfSquares<float>(w) / w.Length - mean * mean;
        float limit = (float)(clip * Math.Sqrt(Math.Max(var, 0)));
        if (limit > 0)
        {
            TensorPrimitives.Clamp(w, -limit, limit, w);
        }
    }

    private static double MaxAbs(ReadOnlySpan<float> w) => w.Length == 0 ? 0 : TensorPrimitives.MaxMagnitude(w) is var m ? Math.Abs(m) : 0;
}
