namespace Crossbar.Plotting;

/// <summary>Bin edges for histograms.</summary>
public static class HistogramBins
{
    /// <summary><paramref name="count"/> equal bins on [min, max].</summary>
    public static double[] Linear(double min, double max, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (!(max > min))
        {
            // All values equal: one unit-wide (or 10 %-wide) bin centred on them.
            double half = min == 0 || !double.IsFinite(min) ? 0.5 : Math.Abs(min) * 0.05;
            (min, max) = (min - half, min + half);
        }
        var edges = new double[count + 1];
        for (int i = 0; i <= count; i++)
        {
            edges[i] = min + ((max - min) * i / count);
        }
        edges[count] = max;
        return edges;
    }

    /// <summary><paramref name="count"/> bins equal in log10 on [min, max] (both &gt; 0), for log x axes.</summary>
    public static double[] Log(double min, double max, int count)
    {
        if (!(min > 0) || !(max > min))
        {
            throw new ArgumentException("Log bins need 0 < min < max.");
        }
        var edges = Linear(Math.Log10(min), Math.Log10(max), count);
        return [.. edges.Select(e => Math.Pow(10, e))];
    }

    /// <summary>
    /// Equal bins over the finite values' range; the count follows the Freedman–Diaconis rule (robust to
    /// outliers), falling back to Sturges when the IQR is zero, clamped to 5–100.
    /// </summary>
    public static double[] Auto(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var v = values.Where(double.IsFinite).Order().ToArray();
        if (v.Length == 0)
        {
            return Linear(0, 1, 10);
        }
        double min = v[0], max = v[^1];
        int sturges = (int)Math.Ceiling(Math.Log2(v.Length)) + 1;
        int count = sturges;
        double iqr = Quantile(v, 0.75) - Quantile(v, 0.25);
        if (iqr > 0 && max > min)
        {
            double width = 2 * iqr / Math.Cbrt(v.Length);
            count = (int)Math.Ceiling((max - min) / width);
        }
        return Linear(min, max, Math.Clamp(count, 5, 100));
    }

    private static double Quantile(double[] sorted, double q)
    {
        double pos = q * (sorted.Length - 1);
        int i = (int)Math.Floor(pos);
        return i + 1 < sorted.Length ? sorted[i] + ((sorted[i + 1] - sorted[i]) * (pos - i)) : sorted[i];
    }
}
