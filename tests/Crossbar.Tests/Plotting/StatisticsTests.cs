using Crossbar.Plotting;

namespace Crossbar.Tests.Plotting;

public class StatisticsTests
{
    [Fact]
    public void Empirical_cdf_is_a_step_curve_with_ties_merged()
    {
        var (x, f) = EmpiricalCdf.Steps([3.0, 1, 2, double.NaN, 2]);
        Assert.Equal([1.0, 1, 2, 2, 3, 3], x);
        Assert.Equal([0.0, 0.25, 0.25, 0.75, 0.75, 1], f);
    }

    [Fact]
    public void Cdf_series_has_two_points_per_distinct_value()
    {
        var p = new Plot();
        var s = p.Cdf([5.0, 1, 4, 2, 3]);
        Assert.Equal(10, s.X.Count);
        Assert.Equal(1.0, s.Y[^1]);
    }

    [Fact]
    public void Histogram_counts_and_density()
    {
        var p = new Plot();
        double[] v = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, double.NaN, 11];
        var h = p.Histogram(v, [0.0, 5, 10]);
        Assert.Equal([5.0, 5], h.Heights);
        var dens = p.Histogram(v, [0.0, 5, 10], density: true);
        Assert.Equal(1.0, dens.Heights.Select((hh, i) => hh * (dens.Edges[i + 1] - dens.Edges[i])).Sum(), 12);
    }

    [Fact]
    public void Histogram_auto_bins_cover_the_data()
    {
        var rnd = new Random(7);
        var v = Enumerable.Range(0, 1000).Select(_ => rnd.NextDouble() * 10).ToArray();
        var edges = HistogramBins.Auto(v);
        Assert.InRange(edges.Length - 1, 5, 100);
        Assert.Equal(v.Min(), edges[0]);
        Assert.Equal(v.Max(), edges[^1]);
        var h = new Plot().Histogram(v, bins: 20);
        Assert.Equal(20, h.Heights.Count);
        Assert.Equal(1000, h.Heights.Sum());
    }

    [Fact]
    public void Log_bins_are_equal_in_log_space()
    {
        var e = HistogramBins.Log(1, 1000, 3);
        Assert.Equal(10, e[1], 9);
        Assert.Equal(100, e[2], 9);
    }
}
