using Crossbar.Plotting;

namespace Crossbar.Tests.Plotting;

/// <summary>Example figures covering every feature; rendered by a test and, for eyeballing, into a folder.</summary>
internal static class Gallery
{
    public static IEnumerable<(string Name, IPlotDocument Doc)> All()
    {
        yield return ("line-log", LineLog());
        yield return ("cdf", Cdf());
        yield return ("histogram", Histogram());
        yield return ("heatmap-cdf", HeatMapCdf());
        yield return ("heatmap-gains", HeatMapGains());
        yield return ("small-large-numbers", SmallLarge());
        yield return ("empty", new Plot { Title = "Nothing yet", XLabel = "epoch", YLabel = "loss" });
        yield return ("figure-2x3", Figure2x3());
    }

    private static double Gauss(Random r) =>
        Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());

    public static Plot LineLog()
    {
        var p = new Plot { Title = "Test accuracy vs learning rate", XLabel = "learning rate η", YLabel = "accuracy (%)", XAxis = AxisScale.Log };
        double[] eta = [1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1];
        var rnd = new Random(1);
        foreach (var (name, shift, style) in new[]
        {
            ("software (fp32)", 0.0, SeriesStyle.WithMarkers),
            ("PCM, 2 devices", -2.5, SeriesStyle.WithMarkers with { Marker = MarkerShape.Square }),
            ("PCM + polarity inversion", -1.0, SeriesStyle.Dashed with { Marker = MarkerShape.Triangle }),
        })
        {
            double[] med = [.. eta.Select(e => 97.5 + shift - (3 * Math.Pow(Math.Log10(e) + 2, 2) / 4))];
            double[] sd = [.. eta.Select(_ => 0.4 + (0.4 * rnd.NextDouble()))];
            p.Line(eta, med, name, style);
            p.Band(eta, [.. med.Select((m, i) => m - sd[i])], [.. med.Select((m, i) => m + sd[i])]);
        }
        p.HLine(97.7, "paper: 97.7 %");
        p.Text(0.03, 0.06, "median of 5 seeds, band ±1σ", space: CoordinateSpace.Axes);
        return p;
    }

    public static Plot Cdf()
    {
        var p = new Plot { Title = "Weight-update CDF", XLabel = "ΔG (µS)", YLabel = "cumulative probability" };
        var rnd = new Random(2);
        string[] labels = ["after epoch 1", "after epoch 5", "after epoch 20"];
        for (int k = 0; k < 3; k++)
        {
            double s = 0.5 + k;
            p.Cdf([.. Enumerable.Range(0, 400).Select(_ => (s * Gauss(rnd)) + k)], labels[k]);
        }
        p.VLine(0, "ΔG = 0");
        return p;
    }

    public static Plot Histogram()
    {
        var p = new Plot { Title = "Conductance distribution", XLabel = "G (µS)", YLabel = "density" };
        var rnd = new Random(3);
        p.Histogram([.. Enumerable.Range(0, 5000).Select(_ => 10 + (2 * Gauss(rnd)))], label: "SET pulses", density: true);
        p.Histogram([.. Enumerable.Range(0, 5000).Select(_ => 16 + (3 * Gauss(rnd)))], label: "RESET pulses", density: true);
        return p;
    }

    public static Plot HeatMapCdf()
    {
        // Jump-table style: rows = conductance, columns = ΔG, value = CDF of the jump at that conductance.
        int nx = 60, ny = 40;
        var v = new double[ny, nx];
        for (int i = 0; i < ny; i++)
        {
            double g = i / (double)ny;
            for (int j = 0; j < nx; j++)
            {
                double dg = -1 + (2.0 * j / nx);
                v[i, j] = 1 / (1 + Math.Exp(-(dg - (0.4 * (1 - g)) + 0.2) / (0.08 + (0.15 * g))));
            }
        }
        var p = new Plot { Title = "Jump table (SET)", XLabel = "ΔG (normalised)", YLabel = "G (normalised)" };
        p.Add(new HeatMap(v, -1, 1, 0, 1) { ColorLabel = "cumulative probability" });
        return p;
    }

    public static Plot HeatMapGains()
    {
        var v = new double[22, 24];
        for (int i = 0; i < 22; i++)
        {
            for (int j = 0; j < 24; j++)
            {
                double r2 = Math.Pow((i - 10.5) / 8, 2) + Math.Pow((j - 11.5) / 9, 2);
                v[i, j] = Math.Pow(10, 1.5 * Math.Exp(-r2)) * 0.3;
            }
        }
        v[0, 0] = double.NaN;
        var p = new Plot { Title = "Per-pixel gain", XLabel = "column", YLabel = "row" };
        p.Add(new HeatMap(v, 0, 24, 0, 22) { ColorLabel = "gain", ColorScale = AxisScale.Log, RowZeroAtTop = true });
        return p;
    }

    public static Plot SmallLarge()
    {
        var p = new Plot { Title = "Ticks: tiny x, huge y, NaN gap", XLabel = "t (s)", YLabel = "pulses", Legend = LegendPosition.OutsideRight };
        double[] t = [.. Enumerable.Range(0, 50).Select(i => i * 2e-7)];
        p.Line(t, [.. t.Select((x, i) => i == 20 ? double.NaN : 3e6 * (1 - Math.Exp(-x / 3e-6)))], "count <η & δ>");
        p.Line(t, [.. t.Select(x => 2.5e6 * x / 1e-5)], "linear", SeriesStyle.Dotted with { LineWidth = 2.2 });
        return p;
    }

    public static Figure Figure2x3()
    {
        var fig = new Figure(2, 3) { Title = "Fig. 5 — training on PCM crossbars (reproduction)" };
        fig[0, 0] = LineLog();
        fig[0, 0]!.Title = "accuracy vs η";

        var rnd = new Random(5);
        var sc = new Plot { Title = "Scatter with error bars", XLabel = "epoch", YLabel = "error (%)", YAxis = AxisScale.Log };
        double[] ep = [.. Enumerable.Range(1, 12).Select(i => (double)i)];
        double[] err = [.. ep.Select(e => 20 * Math.Pow(e, -1.2))];
        sc.Line(ep, err, "train", SeriesStyle.WithMarkers);
        sc.ErrorBars(ep, err, [.. err.Select(e => e * 0.8)], [.. err.Select(e => e * 1.25)]);
        sc.Scatter(ep, [.. err.Select(e => e * (1.4 + (0.2 * rnd.NextDouble())))], "test", new SeriesStyle { Marker = MarkerShape.Diamond });
        fig[0, 1] = sc;

        fig[0, 2] = Histogram();
        fig[0, 2]!.Title = null;
        fig[1, 0] = Cdf();
        fig[1, 0]!.Title = "update CDF";
        fig[1, 1] = HeatMapCdf();
        var ll = new Plot { Title = "Dash styles, log–log", XLabel = "pulses", YLabel = "G_{max} − G (µS)", XAxis = AxisScale.Log, YAxis = AxisScale.Log };
        double[] n = [.. Enumerable.Range(0, 40).Select(i => Math.Pow(10, i / 8.0))];
        var styles = new[] { SeriesStyle.Default, SeriesStyle.Dashed, SeriesStyle.Dotted, new SeriesStyle { Dash = DashStyle.DashDot } };
        for (int k = 0; k < 4; k++)
        {
            ll.Line(n, [.. n.Select(x => 20 * Math.Pow(x, -0.3 * (k + 1)))], $"α = {0.3 * (k + 1):0.0}", styles[k]);
        }
        fig[1, 2] = ll;
        return fig;
    }
}
