using System.Globalization;

namespace Crossbar.Plotting;

/// <summary>
/// Tick-label formatting. Labels of one axis share a step, so we print exactly the decimals that step needs
/// (0.1-steps never show 0.30000000000000004), and switch to SI prefixes (12k, 3.5µ) for very large or small
/// magnitudes so labels stay short. Negative numbers use a true minus sign (U+2212).
/// </summary>
public static class NumberFormat
{
    private static readonly (int Exponent, string Prefix)[] SiPrefixes =
    [
        (-15, "f"), (-12, "p"), (-9, "n"), (-6, "µ"), (-3, "m"), (3, "k"), (6, "M"), (9, "G"), (12, "T"),
    ];

    /// <summary>Labels for evenly spaced values <paramref name="values"/> with spacing <paramref name="step"/>.</summary>
    public static string[] FormatTicks(IReadOnlyList<double> values, double step)
    {
        ArgumentNullException.ThrowIfNull(values);
        double maxAbs = 0;
        foreach (double v in values)
        {
            maxAbs = Math.Max(maxAbs, Math.Abs(v));
        }
        int exp3 = 0;
        string prefix = "";
        // Prefixes for big or tiny magnitudes, and for fine steps (0.0012, 0.0014 → 1.2m, 1.4m).
        if (maxAbs >= 1e4 || (maxAbs > 0 && maxAbs < 1e-3) || (maxAbs > 0 && DecimalsFor(step) > 4))
        {
            exp3 = (int)Math.Floor(Math.Log10(maxAbs) / 3 + 1e-9) * 3;
            if (exp3 != 0)
            {
                var si = SiPrefixes.FirstOrDefault(p => p.Exponent == exp3);
                if (si.Prefix is null)
                {
                    return [.. values.Select(v => Scientific(v, step))];
                }
                prefix = si.Prefix;
            }
        }
        double scale = Math.Pow(10, exp3);
        int decimals = DecimalsFor(step / scale);
        var labels = new string[values.Count];
        for (int i = 0; i < labels.Length; i++)
        {
            double v = values[i];
            // Snap values that are zero up to rounding error, or they print as "−0" or "1E-17".
            if (Math.Abs(v) < Math.Abs(step) * 1e-9)
            {
                v = 0;
            }
            // Zero keeps the axis's decimals ("0.0" beside "0.5") but no SI prefix.
            labels[i] = v == 0 ? Fixed(0, decimals) : Fixed(v / scale, decimals) + prefix;
        }
        return labels;
    }

    /// <summary>A single number in a compact form: up to <paramref name="significant"/> significant digits, SI
    /// prefix for very large/small magnitudes. For annotations such as reference-line labels.</summary>
    public static string Compact(double value, int significant = 3)
    {
        if (!double.IsFinite(value))
        {
            return double.IsNaN(value) ? "NaN" : value > 0 ? "∞" : "−∞";
        }
        if (value == 0)
        {
            return "0";
        }
        double a = Math.Abs(value);
        int exp3 = 0;
        string prefix = "";
        if (a >= 1e4 || a < 1e-3)
        {
            exp3 = (int)Math.Floor(Math.Log10(a) / 3 + 1e-9) * 3;
            var si = SiPrefixes.FirstOrDefault(p => p.Exponent == exp3);
            if (si.Prefix is null)
            {
                return Scientific(value, 0);
            }
            prefix = si.Prefix;
        }
        double scaled = value / Math.Pow(10, exp3);
        int intDigits = (int)Math.Floor(Math.Log10(Math.Abs(scaled))) + 1;
        int decimals = Math.Max(0, significant - intDigits);
        string s = Math.Round(scaled, decimals).ToString("0." + new string('#', Math.Max(decimals, 1)),
            CultureInfo.InvariantCulture);
        return Minus(s) + prefix;
    }

    /// <summary>"10^{n}" markup for a power of ten (rendered as a superscript).</summary>
    public static string PowerOfTen(int exponent) =>
        "10^{" + Minus(exponent.ToString(CultureInfo.InvariantCulture)) + "}";

    /// <summary>Decimals needed to show multiples of <paramref name="step"/> exactly (for 1-2-5 steps).</summary>
    internal static int DecimalsFor(double step)
    {
        step = Math.Abs(step);
        if (step == 0 || !double.IsFinite(step))
        {
            return 0;
        }
        // For 2.5-type steps one more digit would be needed; the tick generator only makes 1-2-5 steps.
        return Math.Clamp((int)Math.Ceiling(-Math.Log10(step) - 1e-9), 0, 15);
    }

    private static string Fixed(double v, int decimals) =>
        Minus(v.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));

    private static string Scientific(double v, double step)
    {
        if (v == 0 || Math.Abs(v) < Math.Abs(step) * 1e-9)
        {
            return "0";
        }
        int e = (int)Math.Floor(Math.Log10(Math.Abs(v)));
        // Enough mantissa digits to tell ticks one step apart (1.005×10^15 next to 1×10^15); two for a lone value.
        double scale = Math.Pow(10, e);
        int decimals = step > 0 && double.IsFinite(step) ? DecimalsFor(step / scale) : 2;
        double m = Math.Round(v / scale, decimals);
        string ms = m.ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
        return Minus(ms) + "×" + PowerOfTen(e);
    }

    private static string Minus(string s) => s.StartsWith('-') ? "−" + s[1..] : s;
}
