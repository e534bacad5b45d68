using System.Numerics.Tensors;
using Crossbar.Config;
using Crossbar.Numerics;

namespace Crossbar.Tiles;

/// <summary>
/// The read path of a tile for one direction (<see cref="PeripheryConfig"/>): noise management, input DAC, then — after
/// the analog MVM on normalised weights — additive output noise, the output ADC and the de-normalisation. Works on two
/// layouts: <em>columns</em> (inputs k × p, one MVM per column p, as a convolution's unrolled patches) and <em>rows</em>
/// (inputs n × k, one MVM per row, as a batch of feature vectors). Every pass is vectorised over the contiguous axis.
/// </summary>
public sealed class Periphery
{
    private readonly float _inBound;
    private readonly float _dacStep;
    private readonly float _dacInv;
    private readonly float _outBound;
    private readonly float _adcStep;
    private readonly float _adcInv;

    public Periphery(PeripheryConfig config)
    {
        Config = config;
        _inBound = (float)config.InputBound;
        _dacStep = config.DacBits > 0 ? (float)(2 * config.InputBound / ((1L << config.DacBits) - 2)) : 0f;
        _dacInv = _dacStep > 0 ? 1f / _dacStep : 0f;
        _outBound = (float)config.OutputBound;
        _adcStep = config.AdcBits > 0 ? (float)(2 * config.OutputBound / ((1L << config.AdcBits) - 2)) : 0f;
        _adcInv = _adcStep > 0 ? 1f / _adcStep : 0f;
        Sigma = (float)config.OutputNoise;
        AbsMax = config.NoiseManagement == NoiseManagement.AbsMax;
        IsIdeal = _dacStep == 0 && _adcStep == 0 && Sigma == 0 && _outBound == 0;
    }

    public PeripheryConfig Config { get; }

    public float Sigma { get; }

    public bool AbsMax { get; }

    /// <summary>No quantisation, no noise and no clipping: the MVM is exact (noise management then changes nothing).</summary>
    public bool IsIdeal { get; }

    /// <summary>DAC step (0 = off).</summary>
    public float DacStep => _dacStep;

    /// <summary>ADC step (0 = off).</summary>
    public float AdcStep => _adcStep;

    /// <summary>
    /// Columns layout: <paramref name="scales"/>[c] = max_r |x[r, c]| (1 without noise management or for a zero column),
    /// and <paramref name="xq"/> = DAC(x / scale) (k × p).
    /// </summary>
    public void PrepareColumns(ReadOnlySpan<float> x, int k, int p, Span<float> xq, Span<float> scales)
    {
        scales = scales[..p];
        if (AbsMax)
        {
            scales.Clear();
            for (int r = 0; r < k; r++)
            {
                var row = x.Slice(r * p, p);
                for (int c = 0; c < p; c++)
                {
                    scales[c] = MathF.Max(scales[c], MathF.Abs(row[c]));
                }
            }
            for (int c = 0; c < p; c++)
            {
                scales[c] = scales[c] > 0 ? scales[c] / _inBound : 1f;
            }
            // Reciprocals in place of the scales for the input pass; restored below.
            TensorPrimitives.Reciprocal(scales, scales);
            for (int r = 0; r < k; r++)
            {
                var dst = xq.Slice(r * p, p);
                TensorPrimitives.Multiply(x.Slice(r * p, p), scales, dst);
                Dac(dst);
            }
            TensorPrimitives.Reciprocal(scales, scales);
            return;
        }
        scales.Fill(1f);
        var all = xq[..(k * p)];
        x[..(k * p)].CopyTo(all);
        Dac(all);
    }

    /// <summary>
    /// Rows layout: <paramref name="scales"/>[r] = max |x[r, :]| (or 1), and <paramref name="xq"/> = DAC(x / scale) (n × k,
    /// rows <paramref name="ldx"/> apart in <paramref name="x"/>, contiguous in <paramref name="xq"/>).
    /// </summary>
    public void PrepareRows(ReadOnlySpan<float> x, int n, int k, int ldx, Span<float> xq, Span<float> scales)
    {
        for (int r = 0; r < n; r++)
        {
            var src = x.Slice(r * ldx, k);
            var dst = xq.Slice(r * k, k);
            float s = 1f;
            if (AbsMax)
            {
                float m = MathF.Abs(TensorPrimitives.MaxMagnitude(src));
                s = m > 0 ? m / _inBound : 1f;
            }
            scales[r] = s;
            if (s != 1f)
            {
                TensorPrimitives.Multiply(src, 1f / s, dst);
            }
            else
            {
                src.CopyTo(dst);
            }
            Dac(dst);
        }
    }

    /// <summary>
    /// Columns layout: y (m × p, normalised tile outputs) += σ·ξ, then ADC, then multiplied back by each column's scale.
    /// <paramref name="noise"/> is scratch of m·p; the deviates are block (<paramref name="key"/>, <paramref name="counter"/>).
    /// </summary>
    public void FinishColumns(Span<float> y, int m, int p, ReadOnlySpan<float> scales, ulong key, ulong counter, Span<float> noise)
    {
        var all = y[..(m * p)];
        AddNoise(all, key, counter, noise);
        Adc(all);
        if (AbsMax)
        {
            for (int r = 0; r < m; r++)
            {
                var row = y.Slice(r * p, p);
                TensorPrimitives.Multiply(row, scales[..p], row);
            }
        }
    }

    /// <summary>Rows layout: y (n × m, rows <paramref name="ldy"/> apart) += σ·ξ, ADC, times each row's scale.</summary>
    public void FinishRows(Span<float> y, int n, int m, ReadOnlySpan<float> scales, ulong key, ulong counter, Span<float> noise)
    {
        var all = y[..(n * m)];
        AddNoise(all, key, counter, noise);
        Adc(all);
        if (AbsMax)
        {
            for (int r = 0; r < n; r++)
            {
                var row = y.Slice(r * m, m);
                TensorPrimitives.Multiply(row, scales[r], row);
            }
        }
    }

    private void AddNoise(Span<float> y, ulong key, ulong counter, Span<float> noise)
    {
        if (Sigma <= 0)
        {
            return;
        }
        var z = noise[..y.Length];
        GaussianBlock.Fill(key, counter, z);
        TensorPrimitives.MultiplyAdd(z, Sigma, y, y);
    }

    /// <summary>The DAC clips at its range and rounds to its levels; without a DAC (dac_bits 0) inputs pass unchanged.</summary>
    private void Dac(Span<float> v)
    {
        if (_dacStep > 0)
        {
            TensorPrimitives.Clamp(v, -_inBound, _inBound, v);
            Round(v, _dacInv, _dacStep);
        }
    }

    private void Adc(Span<float> v)
    {
        if (_outBound > 0)
        {
            TensorPrimitives.Clamp(v, -_outBound, _outBound, v);
        }
        if (_adcStep > 0)
        {
            Round(v, _adcInv, _adcStep);
        }
    }

    private static void Round(Span<float> v, float inv, float step)
    {
        TensorPrimitives.Multiply(v, inv, v);
        TensorPrimitives.Round(v, v);
        TensorPrimitives.Multiply(v, step, v);
    }
}
