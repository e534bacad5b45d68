namespace Crossbar.Inference;

/// <summary>Mean, standard deviation (n − 1), min and max of repeat results.</summary>
public readonly record struct Stats(int Count, double Mean, double Std, double Min, double Max)
{
    public static Stats Of(IReadOnlyCollection<double> values)
    {
        int n = values.Count;
        if (n == 0)
        {
            return new Stats(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }
        double mean = values.Average();
        double var = n > 1 ? values.Sum(v => (v - mean) * (v - mean)) / (n - 1) : 0;
        return new Stats(n, mean, Math.Sqrt(var), values.Min(), values.Max());
    }

    /// <summary>Rounds to 6 decimals for CSV tables (accuracies are fractions of at most 10,000 images).</summary>
    public static double Round6(double v) => double.IsFinite(v) ? Math.Round(v, 6) : v;

    /// <summary>Short label of a time in seconds: 1s, 1min, 1h, 1d, 30d, 1y, or seconds.</summary>
    public static string TimeLabel(double seconds)
    {
        (double Unit, string Name)[] units = [(31536000, "y"), (86400, "d"), (3600, "h"), (60, "min"), (1, "s")];
        foreach (var (unit, name) in units)
        {
            double v = seconds / unit;
            if (seconds >= unit && Math.Abs(v - Math.Round(v)) < 1e-9)
            {
                return $"{Math.Round(v):0}{name}";
            }
        }
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{seconds:G4}s");
    }
}
