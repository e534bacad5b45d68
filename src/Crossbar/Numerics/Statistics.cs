using System.Numerics;

namespace Crossbar.Numerics;

/// <summary>Order statistics shared by reports and benchmarks.</summary>
public static class Statistics
{
    /// <summary>Median (mean of the middle two for an even count; NaN when empty). The input is not reordered.</summary>
    public static T Median<T>(ReadOnlySpan<T> values) where T : IFloatingPoint<T>
    {
        if (values.IsEmpty)
        {
            return T.CreateChecked(double.NaN);
        }
        var sorted = values.ToArray();
        Array.Sort(sorted);
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / T.CreateChecked(2);
    }
}
