using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
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
    /// Factor from the MVM of <see cref="PrepareColumns"/>' outputs (inputs in DAC levels) to outputs of inputs in
    /// [−input_bound, input_bound]: the DAC step, 1 without a DAC. Folding it here keeps the input pass to one multiply.
    /// </summary>
    public float InputStep => _dacStep > 0 ? _dacStep : 1f;

    /// <summary>
    /// Columns layout: <paramref name="scales"/>[c] = max_r |x[r, c]| / input_bound (1 without noise management or for a
    /// zero column), and <paramref name="xq"/> (k × p) = DAC(x / scale) in DAC levels (integers in ±(2^(bits−1) − 1)), or
    /// x / scale without a DAC. <paramref name="multipliers"/> is scratch of p.
    /// </summary>
    public void PrepareColumns(ReadOnlySpan<float> x, int k, int p, Span<float> xq, Span<float> scales, Span<float> multipliers)
    {
        scales = scales[..p];
        float levels = _dacStep > 0 ? _dacInv : 1f;
        if (AbsMax)
        {
            scales.Clear();
            for (int r = 0; r < k; r++)
            {
                MaxMagnitudeInto(x.Slice(r * p, p), scales);
            }
            var mult = multipliers[..p];
            for (int c = 0; c < p; c++)
            {
                float s = scales[c] > 0 ? scales[c] / _inBound : 1f;
                scales[c] = s;
                mult[c] = levels / s;
            }
            for (int r = 0; r < k; r++)
            {
                Quantize(x.Slice(r * p, p), mult, 0f, xq.Slice(r * p, p));
            }
            return;
        }
        scales.Fill(1f);
        for (int r = 0; r < k; r++)
        {
            Quantize(x.Slice(r * p, p), default, levels, xq.Slice(r * p, p));
        }
    }

    /// <summary>
    /// Rows layout: <paramref name="scales"/>[r] = max |x[r, :]| / input_bound (or 1), and <paramref name="xq"/> =
    /// DAC(x / scale) in DAC levels as in <see cref="PrepareColumns"/> (n × k, rows <paramref name="ldx"/> apart in
    /// <paramref name="x"/>, contiguous in <paramref name="xq"/>).
    /// </summary>
    public void PrepareRows(ReadOnlySpan<float> x, int n, int k, int ldx, Span<float> xq, Span<float> scales)
    {
        float levels = _dacStep > 0 ? _dacInv : 1f;
        for (int r = 0; r < n; r++)
        {
            var src = x.Slice(r * ldx, k);
            float s = 1f;
            if (AbsMax)
            {
                float m = MathF.Abs(TensorPrimitives.MaxMagnitude(src));
                s = m > 0 ? m / _inBound : 1f;
            }
            scales[r] = s;
            Quantize(src, default, levels / s, xq.Slice(r * k, k));
        }
    }

    /// <summary>
    /// Columns layout, one tile's outputs <paramref name="y"/> (m × p, from <see cref="PrepareColumns"/>' inputs) into the
    /// layer's outputs <paramref name="dst"/> (m × p): times <see cref="InputStep"/>, + σ·ξ, the ADC (clip, levels), times
    /// each column's scale and each row's <paramref name="gains"/>, written or added (<paramref name="accumulate"/>).
    /// <paramref name="noise"/> is scratch of m·p; the
    /// deviates are block (<paramref name="key"/>, <paramref name="counter"/>) of <see cref="GaussianBlock"/>.
    /// </summary>
    public void FinishColumns(ReadOnlySpan<float> y, int m, int p, ReadOnlySpan<float> scales, ReadOnlySpan<float> gains,
                              ulong key, ulong counter, Span<float> noise, Span<float> dst, bool accumulate)
    {
        var z = DrawNoise(m * p, key, counter, noise);
        for (int j = 0; j < m; j++)
        {
            Finish(y.Slice(j * p, p), z.IsEmpty ? z : z.Slice(j * p, p), AbsMax ? scales[..p] : default, gains[j],
                   dst.Slice(j * p, p), accumulate);
        }
    }

    /// <summary>
    /// Rows layout: as <see cref="FinishColumns"/> for y (n × m) into <paramref name="dst"/> rows <paramref name="ldd"/>
    /// apart, each row times its scale and each column times its gain.
    /// </summary>
    public void FinishRows(ReadOnlySpan<float> y, int n, int m, ReadOnlySpan<float> scales, ReadOnlySpan<float> gains,
                           ulong key, ulong counter, Span<float> noise, Span<float> dst, int ldd, bool accumulate)
    {
        var z = DrawNoise(n * m, key, counter, noise);
        for (int i = 0; i < n; i++)
        {
            Finish(y.Slice(i * m, m), z.IsEmpty ? z : z.Slice(i * m, m), gains[..m], AbsMax ? scales[i] : 1f,
                   dst.Slice(i * ldd, m), accumulate);
        }
    }

    private ReadOnlySpan<float> DrawNoise(int length, ulong key, ulong counter, Span<float> noise)
    {
        if (Sigma <= 0)
        {
            return default;
        }
        var z = noise[..length];
        GaussianBlock.Fill(key, counter, z);
        return z;
    }

    /// <summary>dst[i] = max(dst[i], |x[i]|) (dst non-negative).</summary>
    private static void MaxMagnitudeInto(ReadOnlySpan<float> x, Span<float> dst)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var xv = MemoryMarshal.Cast<float, Vector<float>>(x);
            var dv = MemoryMarshal.Cast<float, Vector<float>>(dst);
            for (; i < xv.Length; i++)
            {
                dv[i] = Vector.Max(dv[i], Vector.Abs(xv[i]));
            }
            i *= Vector<float>.Count;
        }
        for (; i < x.Length; i++)
        {
            dst[i] = MathF.Max(dst[i], MathF.Abs(x[i]));
        }
    }

    /// <summary>
    /// The DAC in one pass: xq = round(clip(x · multiplier, ±levels)) with the multiplier per element
    /// (<paramref name="perElement"/>) or <paramref name="multiplier"/>; without a DAC only the multiply.
    /// </summary>
    private void Quantize(ReadOnlySpan<float> x, ReadOnlySpan<float> perElement, float multiplier, Span<float> xq)
    {
        bool dac = _dacStep > 0;
        float top = _inBound * _dacInv;
        bool each = !perElement.IsEmpty;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var xv = MemoryMarshal.Cast<float, Vector<float>>(x);
            var mv = each ? MemoryMarshal.Cast<float, Vector<float>>(perElement) : default;
            var qv = MemoryMarshal.Cast<float, Vector<float>>(xq);
            var hi = new Vector<float>(top);
            var lo = -hi;
            var k = new Vector<float>(multiplier);
            for (; i < xv.Length; i++)
            {
                var v = xv[i] * (each ? mv[i] : k);
                qv[i] = dac ? Vector.Round(Vector.Min(Vector.Max(v, lo), hi)) : v;
            }
            i *= Vector<float>.Count;
        }
        for (; i < x.Length; i++)
        {
            float v = x[i] * (each ? perElement[i] : multiplier);
            xq[i] = dac ? MathF.Round(Math.Clamp(v, -top, top)) : v;
        }
    }

    /// <summary>
    /// One output row in one pass: v = y·InputStep + σ·z; clip at ±output_bound; round to the ADC's levels; times the
    /// per-element <paramref name="perElement"/> (if any) and <paramref name="factor"/>; written or added to dst.
    /// </summary>
    private void Finish(ReadOnlySpan<float> y, ReadOnlySpan<float> z, ReadOnlySpan<float> perElement, float factor, Span<float> dst, bool accumulate)
    {
        float step = InputStep;
        bool noisy = !z.IsEmpty;
        bool clip = _outBound > 0;
        bool adc = _adcStep > 0;
        bool each = !perElement.IsEmpty;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var yv = MemoryMarshal.Cast<float, Vector<float>>(y);
            var zv = noisy ? MemoryMarshal.Cast<float, Vector<float>>(z) : default;
            var ev = each ? MemoryMarshal.Cast<float, Vector<float>>(perElement) : default;
            var dv = MemoryMarshal.Cast<float, Vector<float>>(dst);
            var sv = new Vector<float>(step);
            var sigma = new Vector<float>(Sigma);
            var hi = new Vector<float>(_outBound);
            var lo = -hi;
            var inv = new Vector<float>(_adcInv);
            var q = new Vector<float>(_adcStep);
            var f = new Vector<float>(factor);
            for (; i < yv.Length; i++)
            {
                var v = yv[i] * sv;
                if (noisy)
                {
                    v += zv[i] * sigma;
                }
                if (clip)
                {
                    v = Vector.Min(Vector.Max(v, lo), hi);
                }
                if (adc)
                {
                    v = Vector.Round(v * inv) * q;
                }
                v = each ? v * ev[i] * f : v * f;
                dv[i] = accumulate ? dv[i] + v : v;
            }
            i *= Vector<float>.Count;
        }
        for (; i < y.Length; i++)
        {
            float v = y[i] * step;
            if (noisy)
            {
                v += z[i] * Sigma;
            }
            if (clip)
            {
                v = Math.Clamp(v, -_outBound, _outBound);
            }
            if (adc)
            {
                v = MathF.Round(v * _adcInv) * _adcStep;
            }
            v = each ? v * perElement[i] * factor : v * factor;
            dst[i] = accumulate ? dst[i] + v : v;
        }
    }
}
