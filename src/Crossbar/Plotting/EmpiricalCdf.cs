namespace Crossbar.Plotting;

/// <summary>The empirical CDF of a sample as step-curve vertices.</summary>
public static class EmpiricalCdf
{
    /// <summary>
    /// Vertices (x, F) of the right-continuous step function F(x) = #{v ≤ x}/n over the finite values: one
    /// vertical jump per distinct value (ties merged), joined by horizontal runs. Non-finite values are ignored.
    /// </summary>
    public static (double[] X, double[] F) Steps(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var v = values.Where(double.IsFinite).Order().ToArray();
        var xs = new List<double>(2 * v.Length);
        var fs = new List<double>(2 * v.Length);
        int n = v.Length;
        int i = 0;
        while (i < n)
        {
            int j = i;
            while (j + 1 < n && v[j + 1] == v[i])
            {
                j++;
            }
            xs.Add(v[i]);
            fs.Add(i / (double)n);
            xs.Add(v[i]);
            fs.Add((j + 1) / (double)n);
            i = j + 1;
        }
        return ([.. xs], [.. fs]);
    }
}
