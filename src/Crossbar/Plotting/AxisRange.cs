namespace Crossbar.Plotting;

/// <summary>Chooses axis limits: explicit ones where given, else the data range padded by 5 % (in log10 on log axes).</summary>
internal static class AxisRange
{
    public const double Padding = 0.05;

    public static (double Min, double Max) Resolve(AxisScale scale, bool hasData, double dataMin, double dataMax,
        IReadOnlyList<double> sticky, double? fixedMin, double? fixedMax, string axis)
    {
        bool log = scale == AxisScale.Log;
        foreach (double? f in new[] { fixedMin, fixedMax })
        {
            if (f is double v && (!double.IsFinite(v) || (log && v <= 0)))
            {
                throw new InvalidOperationException($"{axis} limit {v} is not usable on a {(log ? "log" : "linear")} axis.");
            }
        }
        if (fixedMin is double a && fixedMax is double b)
        {
            return a < b ? (a, b) : throw new InvalidOperationException($"{axis}Min ({a}) must be less than {axis}Max ({b}).");
        }
        double T(double v) => log ? Math.Log10(v) : v;
        double Inv(double t) => log ? Math.Pow(10, t) : t;

        if (!hasData)
        {
            (dataMin, dataMax) = log ? (1, 10) : (0, 1);
        }
        double t0 = T(dataMin), t1 = T(dataMax);
        if (fixedMin is double fmin)
        {
            t0 = T(fmin);
            t1 = Math.Max(t1, t0);
        }
        if (fixedMax is double fmax)
        {
            t1 = T(fmax);
            t0 = Math.Min(t0, t1);
        }
        if (t1 <= t0)
        {
            // A single value: open a window around it rather than a zero-width axis.
            double half = log ? 0.5 : t0 == 0 ? 0.5 : Math.Abs(t0) * 0.1;
            if (fixedMin is null)
            {
                t0 -= half;
            }
            if (fixedMax is null)
            {
                t1 += half;
            }
            if (t1 <= t0)
            {
                t1 = t0 + (2 * half);
            }
        }
        double pad = Padding * (t1 - t0);
        var st = sticky.Where(s => DataBounds.Valid(s, scale)).Select(T).ToList();
        double lo = t0, hi = t1;
        if (fixedMin is null)
        {
            lo = t0 - pad;
            // Padding must not step past a sticky edge (histogram baseline, heat-map extent).
            var crossed = st.Where(s => s >= lo && s <= t0).ToList();
            if (crossed.Count > 0)
            {
                lo = crossed.Max();
            }
        }
        if (fixedMax is null)
        {
            hi = t1 + pad;
            var crossed = st.Where(s => s <= hi && s >= t1).ToList();
            if (crossed.Count > 0)
            {
                hi = crossed.Min();
            }
        }
        return (Inv(lo), Inv(hi));
    }
}
