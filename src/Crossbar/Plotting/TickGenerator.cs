namespace Crossbar.Plotting;

/// <summary>
/// Chooses axis ticks. Linear axes get "nice" steps of 1, 2 or 5 × 10^k; log axes get decades (thinned when
/// there are many) with unlabelled minor ticks at 2…9, or 1-2-5 labels when the range spans less than a decade.
/// </summary>
public static class TickGenerator
{
    private static readonly double[] NiceMantissas = [1, 2, 5, 10];

    /// <summary>The smallest 1-2-5 step giving at most about <paramref name="targetCount"/> intervals.</summary>
    public static double NiceStep(double range, int targetCount)
    {
        if (!(range > 0) || !double.IsFinite(range))
        {
            return 1;
        }
        double raw = range / Math.Max(1, targetCount);
        double mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        foreach (double m in NiceMantissas)
        {
            if (m * mag >= raw * (1 - 1e-12))
            {
                return m * mag;
            }
        }
        return 10 * mag;
    }

    /// <summary>Major ticks on [min, max] with a 1-2-5 step, labelled.</summary>
    public static List<Tick> Linear(double min, double max, int targetCount = 6)
    {
        if (min > max)
        {
            (min, max) = (max, min);
        }
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            return [];
        }
        if (min == max)
        {
            return [new Tick(min, NumberFormat.FormatTicks([min], Math.Abs(min) > 0 ? Math.Abs(min) / 10 : 1)[0], true)];
        }
        double step = NiceStep(max - min, Math.Max(1, targetCount));
        var values = Multiples(min, max, step);
        // A coarse step can straddle a short range with a single tick; step down the 1-2-5 ladder until two fit.
        while (values.Count < 2)
        {
            double mag = Math.Pow(10, Math.Floor(Math.Log10(step) + 1e-9));
            double m = Math.Round(step / mag);
            step = m == 5 ? 2 * mag : m == 2 ? mag : 0.5 * mag;
            values = Multiples(min, max, step);
        }
        var labels = NumberFormat.FormatTicks(values, step);
        return [.. values.Select((v, i) => new Tick(v, labels[i], true))];
    }

    /// <summary>The multiples of a 1-2-5 step inside [min, max].</summary>
    private static List<double> Multiples(double min, double max, double step)
    {
        // Build values as k·m·10^e with integer k; dividing by 10^−e (exact for small e) rather than
        // multiplying by 0.1-ish steps keeps values like 0.3 exact.
        int e = (int)Math.Floor(Math.Log10(step) + 1e-9);
        double mant = Math.Round(step / Math.Pow(10, e));
        long k0 = (long)Math.Ceiling(min / step - 1e-9);
        long k1 = (long)Math.Floor(max / step + 1e-9);
        var values = new List<double>();
        for (long k = k0; k <= k1 && values.Count < 1000; k++)
        {
            values.Add(e >= 0 ? k * mant * Math.Pow(10, e) : k * mant / Math.Pow(10, -e));
        }
        return values;
    }

    /// <summary>Ticks for a log10 axis on [min, max] (both &gt; 0); at most about <paramref name="targetCount"/> labels.</summary>
    public static List<Tick> Log(double min, double max, int targetCount = 6)
    {
        if (min > max)
        {
            (min, max) = (max, min);
        }
        if (!(min > 0) || !double.IsFinite(max))
        {
            return [];
        }
        double lo = Math.Log10(min), hi = Math.Log10(max);
        int d0 = (int)Math.Ceiling(lo - 1e-9), d1 = (int)Math.Floor(hi + 1e-9);
        int decades = d1 - d0 + 1;
        targetCount = Math.Max(2, targetCount);
        var ticks = new List<Tick>();
        if (decades >= 2)
        {
            int stride = (int)Math.Ceiling(decades / (double)targetCount);
            // Anchor the stride at 10^0 so thinned axes read 10^−6, 10^−3, 1, 10^3 rather than odd exponents.
            for (int d = (int)Math.Floor(lo); d <= d1; d++)
            {
                double dec = Math.Pow(10, d);
                if (d >= d0 && ((d % stride) + stride) % stride == 0)
                {
                    ticks.Add(new Tick(dec, NumberFormat.PowerOfTen(d), true));
                }
                else if (d >= d0)
                {
                    ticks.Add(new Tick(dec, "", false));
                }
                if (stride == 1)
                {
                    for (int m = 2; m <= 9; m++)
                    {
                        double v = m * dec;
                        if (v >= min * (1 - 1e-12) && v <= max * (1 + 1e-12))
                        {
                            ticks.Add(new Tick(v, "", false));
                        }
                    }
                }
            }
            if (ticks.Count(t => t.IsMajor) >= 2)
            {
                // Decades between 0.01 and 1000 read best as plain numbers; beyond, all labels use 10^n so
                // one axis never mixes the two forms.
                bool plain = ticks.Where(t => t.IsMajor).All(t => t.Value >= 0.009 && t.Value <= 1001);
                return plain ? [.. ticks.Select(t => t.IsMajor ? t with { Label = NumberFormat.Compact(t.Value) } : t)] : ticks;
            }
            ticks.Clear();
        }
        // Less than a decade: label 1-2-5 (or every integer mantissa) values as plain numbers.
        foreach (int[] mantissas in new[] { new[] { 1, 2, 5 }, new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 } })
        {
            var majors = new List<double>();
            var minors = new List<double>();
            for (int d = (int)Math.Floor(lo); d <= (int)Math.Floor(hi); d++)
            {
                for (int m = 1; m <= 9; m++)
                {
                    double v = d >= 0 ? m * Math.Pow(10, d) : m / Math.Pow(10, -d);
                    if (v < min * (1 - 1e-12) || v > max * (1 + 1e-12))
                    {
                        continue;
                    }
                    (mantissas.Contains(m) ? majors : minors).Add(v);
                }
            }
            if (majors.Count >= 2 && majors.Count <= targetCount + 2)
            {
                var result = majors.Select(v => new Tick(v, NumberFormat.Compact(v), true))
                    .Concat(minors.Select(v => new Tick(v, "", false)))
                    .OrderBy(t => t.Value).ToList();
                return result;
            }
        }
        // A very narrow range: linear ticks read fine on it.
        return Linear(min, max, targetCount);
    }
}
