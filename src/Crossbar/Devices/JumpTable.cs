using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Crossbar.Numerics;

namespace Crossbar.Devices;

/// <summary>
/// A jump table (001_3057d476dc3cdf60 §I.C, Fig. 8): for SET and for RESET, the distribution of the conductance change
/// ΔG of one pulse at each conductance bin. Stored as a precomputed inverse CDF per bin (quantiles at
/// p = k/K, k = 0..K), so one uniform deviate u gives ΔG = Q_bin(u) by one index computation and a linear
/// interpolation between two neighbouring quantiles — O(1) instead of the paper's scan along the row.
/// </summary>
/// <remarks>
/// Bins are evenly spaced over [GMin, GMax] (the table's first and last bin edges). A device at conductance G uses
/// the bin containing G (the row "associated with the conductance G of the device before the pulse", 001 §I.C).
/// </remarks>
public sealed class JumpTable
{
    private readonly float[] _set;
    private readonly float[] _reset;
    private readonly double _binScale;

    public JumpTable(string label, double gMin, double gMax, int quantiles, float[] setQuantiles, float[] resetQuantiles)
    {
        if (!(gMin < gMax))
        {
            throw new CrossbarException($"jump table {label}: g range [{gMin}, {gMax}] is empty");
        }
        int stride = quantiles + 1;
        if (setQuantiles.Length == 0 || setQuantiles.Length % stride != 0 || resetQuantiles.Length != setQuantiles.Length)
        {
            throw new ArgumentException("quantile arrays must hold bins × (quantiles + 1) values each");
        }
        Label = label;
        GMin = gMin;
        GMax = gMax;
        Quantiles = quantiles;
        Bins = setQuantiles.Length / stride;
        _set = setQuantiles;
        _reset = resetQuantiles;
        _binScale = Bins / (gMax - gMin);
    }

    /// <summary>Where the table came from (e.g. "builtin:pcm (constructed, not measured)" or a file name).</summary>
    public string Label { get; }

    public double GMin { get; }

    public double GMax { get; }

    public int Bins { get; }

    /// <summary>K: the inverse CDF is stored at p = k/K for k = 0..K.</summary>
    public int Quantiles { get; }

    public double BinWidth => (GMax - GMin) / Bins;

    public double BinCenter(int bin) => GMin + (bin + 0.5) * BinWidth;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int BinOf(double g)
    {
        int b = (int)((g - GMin) * _binScale);
        return b < 0 ? 0 : b >= Bins ? Bins - 1 : b;
    }

    /// <summary>ΔG of one SET pulse at conductance <paramref name="g"/> for the uniform deviate <paramref name="u"/> ∈ [0, 1).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double SampleSet(double g, double u) => Sample(_set, g, u);

    /// <summary>ΔG (usually negative) of one RESET pulse.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double SampleReset(double g, double u) => Sample(_reset, g, u);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private double Sample(float[] q, double g, double u)
    {
        double x = u * Quantiles;
        int k = (int)x;
        if (k >= Quantiles)
        {
            k = Quantiles - 1;
        }
        int i = BinOf(g) * (Quantiles + 1) + k;
        double a = q[i];
        return a + (x - k) * (q[i + 1] - a);
    }

    /// <summary>
    /// One pulse on each of a run of devices, g ← clamp(g + Q_bin(g)(u), min, max) with u from each word's high bits
    /// (as <see cref="PulseRandom.Uniform"/>): eight devices per AVX-512 step, two gathers per step. Bit-identical to
    /// the scalar path.
    /// </summary>
    public unsafe void ApplyBatch(bool set, Span<double> g, ReadOnlySpan<ulong> words, double min, double max)
    {
        var q = set ? _set : _reset;
        int n = g.Length;
        int j = 0;
        if (PulseBatch.Avx512 && n >= 8)
        {
            var vInv24 = Vector512.Create(1.0 / (1 << 24));
            var vHalf = Vector512.Create(0.5);
            var vK = Vector512.Create((double)Quantiles);
            var vMin = Vector512.Create(min);
            var vMax = Vector512.Create(max);
            var vGMin = Vector512.Create(GMin);
            var vScale = Vector512.Create(_binScale);
            var vLastBin = Vector256.Create(Bins - 1);
            var vLastK = Vector256.Create(Quantiles - 1);
            var vStride = Vector256.Create(Quantiles + 1);
            fixed (float* q0 = q)
            fixed (double* g0 = g)
            fixed (ulong* w0 = words)
            {
                for (; j <= n - 8; j += 8)
                {
                    var gv = Avx512F.LoadVector512(g0 + j);
                    var u = (Avx512DQ.ConvertToVector512Double(Avx512F.LoadVector512(w0 + j) >> 40) + vHalf) * vInv24;
                    var x = u * vK;
                    var k = Vector256.Min(Avx512F.ConvertToVector256Int32WithTruncation(x), vLastK);
                    var frac = x - Avx512F.ConvertToVector512Double(k);
                    var bin = Avx512F.ConvertToVector256Int32WithTruncation((gv - vGMin) * vScale);
                    bin = Vector256.Min(Vector256.Max(bin, Vector256<int>.Zero), vLastBin);
                    var idx = Avx2.MultiplyLow(bin, vStride) + k;
                    var a = Avx512F.ConvertToVector512Double(Avx2.GatherVector256(q0, idx, 4));
                    var b = Avx512F.ConvertToVector512Double(Avx2.GatherVector256(q0 + 1, idx, 4));
                    var dg = a + frac * (b - a);
                    Avx512F.Store(g0 + j, Vector512.Min(Vector512.Max(gv + dg, vMin), vMax));
                }
            }
        }
        for (; j < n; j++)
        {
            double u = PulseRandom.Uniform(words[j]);
            g[j] = Math.Clamp(g[j] + (set ? SampleSet(g[j], u) : SampleReset(g[j], u)), min, max);
        }
    }

    /// <summary>Quantile node k of a bin (ΔG at p = k/K).</summary>
    public double Quantile(bool set, int bin, int k) => (set ? _set : _reset)[bin * (Quantiles + 1) + k];

    /// <summary>P(ΔG ≤ dg) in a bin, from the stored inverse CDF (for heat maps and CSV export).</summary>
    public double Cdf(bool set, int bin, double dg)
    {
        var q = (set ? _set : _reset).AsSpan(bin * (Quantiles + 1), Quantiles + 1);
        if (dg < q[0])
        {
            return 0;
        }
        if (dg >= q[^1])
        {
            return 1;
        }
        int lo = 0, hi = Quantiles; // q[lo] <= dg < q[hi]
        while (hi - lo > 1)
        {
            int mid = (lo + hi) >> 1;
            if (q[mid] <= dg)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
        double span = q[hi] - q[lo];
        double frac = span > 0 ? (dg - q[lo]) / span : 1;
        return (lo + frac) / Quantiles;
    }

    /// <summary>Smallest and largest ΔG the table can produce for a direction.</summary>
    public (double Min, double Max) Range(bool set)
    {
        var q = set ? _set : _reset;
        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        foreach (float v in q)
        {
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
        }
        return (lo, hi);
    }

    /// <summary>
    /// Builds a table whose ΔG in each bin is Gaussian with the given median and σ, functions of the bin's centre
    /// conductance (the median and ±1σ curves of 001 Fig. 8(a)). The outermost quantile nodes sit at p = 1/(8K) and
    /// 1 − 1/(8K), which makes the piecewise-linear inverse CDF reproduce σ to better than 0.1 % for K ≥ 256.
    /// </summary>
    public static JumpTable FromMedianAndSigma(
        string label, double gMin, double gMax, int bins, int quantiles,
        Func<double, double> setMedian, Func<double, double> setSigma,
        Func<double, double> resetMedian, Func<double, double> resetSigma)
    {
        if (bins < 1 || quantiles < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(bins));
        }
        int stride = quantiles + 1;
        var z = new double[stride];
        double tail = 1.0 / (8.0 * quantiles);
        for (int k = 0; k <= quantiles; k++)
        {
            double p = k == 0 ? tail : k == quantiles ? 1 - tail : (double)k / quantiles;
            z[k] = PulseRandom.NormalQuantile(p);
        }
        var set = new float[bins * stride];
        var reset = new float[bins * stride];
        double width = (gMax - gMin) / bins;
        for (int b = 0; b < bins; b++)
        {
            double g = gMin + (b + 0.5) * width;
            Fill(set.AsSpan(b * stride, stride), setMedian(g), setSigma(g), g, "SET");
            Fill(reset.AsSpan(b * stride, stride), resetMedian(g), resetSigma(g), g, "RESET");
        }
        return new JumpTable(label, gMin, gMax, quantiles, set, reset);

        void Fill(Span<float> row, double median, double sigma, double g, string what)
        {
            if (!(sigma >= 0) || !double.IsFinite(median))
            {
                throw new CrossbarException($"jump table {label}: {what} σ at G = {g} is {sigma} (must be ≥ 0) or median {median} is not finite");
            }
            for (int k = 0; k < row.Length; k++)
            {
                row[k] = (float)(median + sigma * z[k]);
            }
        }
    }

    /// <summary>
    /// Builds a table from a median curve and the −1σ / +1σ curves around it (as plotted in 001 Fig. 8(a)):
    /// σ(G) = (upper(G) − lower(G))/2, Gaussian jumps about the median.
    /// </summary>
    public static JumpTable FromMedianAndBand(
        string label, double gMin, double gMax, int bins, int quantiles,
        Func<double, double> setMedian, Func<double, double> setLower, Func<double, double> setUpper,
        Func<double, double> resetMedian, Func<double, double> resetLower, Func<double, double> resetUpper) =>
        FromMedianAndSigma(label, gMin, gMax, bins, quantiles,
            setMedian, g => HalfWidth(setLower(g), setMedian(g), setUpper(g), g, "SET"),
            resetMedian, g => HalfWidth(resetLower(g), resetMedian(g), resetUpper(g), g, "RESET"));

    private static double HalfWidth(double lower, double median, double upper, double g, string what) =>
        lower <= median && median <= upper
            ? 0.5 * (upper - lower)
            : throw new CrossbarException($"jump table: {what} curves at G = {g} must satisfy −1σ ≤ median ≤ +1σ ({lower}, {median}, {upper})");

    /// <summary>
    /// Builds a table from CDF rows: for each direction and bin, increasing ΔG points with the cumulative probability
    /// at each (non-decreasing, ending at 1). The CDF is linear between points; probability at the first point is a
    /// point mass there. Rows must be validated by the caller (see <see cref="JumpTableCsv"/>).
    /// </summary>
    public static JumpTable FromCdfRows(
        string label, double gMin, double gMax, int quantiles,
        IReadOnlyList<(double[] Dg, double[] Cdf)> setRows, IReadOnlyList<(double[] Dg, double[] Cdf)> resetRows)
    {
        int stride = quantiles + 1;
        return new JumpTable(label, gMin, gMax, quantiles, Invert(setRows), Invert(resetRows));

        float[] Invert(IReadOnlyList<(double[] Dg, double[] Cdf)> rows)
        {
            var q = new float[rows.Count * stride];
            for (int b = 0; b < rows.Count; b++)
            {
                var (dg, cdf) = rows[b];
                int i = 0;
                for (int k = 0; k <= quantiles; k++)
                {
                    double p = (double)k / quantiles;
                    while (i < cdf.Length - 1 && cdf[i] < p)
                    {
                        i++;
                    }
                    // cdf[i] >= p (or i is the last point); interpolate on the segment (i−1, i].
                    double value;
                    if (i == 0 || cdf[i] <= cdf[i - 1])
                    {
                        value = dg[i];
                    }
                    else
                    {
                        double t = (p - cdf[i - 1]) / (cdf[i] - cdf[i - 1]);
                        value = dg[i - 1] + Math.Clamp(t, 0, 1) * (dg[i] - dg[i - 1]);
                    }
                    q[b * stride + k] = (float)value;
                }
            }
            return q;
        }
    }

    /// <summary>Mean and σ of ΔG in a bin by Monte-Carlo (used by tests and the device summary).</summary>
    public (double Median, double Sigma) Measure(bool set, int bin, int samples, ulong seed)
    {
        var rng = CounterRng.ForStream(seed, "jump-table-measure", (ulong)bin);
        double g = BinCenter(bin);
        var values = new double[samples];
        double sum = 0, sumSq = 0;
        for (int i = 0; i < samples; i++)
        {
            double v = set ? SampleSet(g, rng.NextDouble()) : SampleReset(g, rng.NextDouble());
            values[i] = v;
            sum += v;
            sumSq += v * v;
        }
        Array.Sort(values);
        double mean = sum / samples;
        double median = samples % 2 == 1 ? values[samples / 2] : 0.5 * (values[samples / 2 - 1] + values[samples / 2]);
        return (median, Math.Sqrt(Math.Max(0, sumSq / samples - mean * mean)));
    }
}
