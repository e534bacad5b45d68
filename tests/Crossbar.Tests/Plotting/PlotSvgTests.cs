using System.Xml.Linq;
using Crossbar.Plotting;
using static Crossbar.Tests.Plotting.SvgTestHelpers;

namespace Crossbar.Tests.Plotting;

public class PlotSvgTests
{
    [Fact]
    public void Svg_is_valid_xml_with_fixed_viewbox_and_sans_serif_font()
    {
        var p = new Plot { Title = "t", XLabel = "x", YLabel = "y", Width = 500, Height = 300 };
        p.Line([1.0, 2, 3], [1.0, 4, 9], "squares");
        var root = Parse(p).Root!;
        Assert.Equal("svg", root.Name.LocalName);
        Assert.Equal("0 0 500 300", (string?)root.Attribute("viewBox"));
        Assert.Contains("sans-serif", (string?)root.Attribute("font-family"));
    }

    [Fact]
    public void Line_series_has_one_polyline_point_per_value()
    {
        var p = new Plot();
        p.Line([0.0, 1, 2, 3, 4, 5, 6], [0.0, 1, 0, 1, 0, 1, 0], "zigzag");
        var lines = ByClass(Parse(p), "polyline", "line");
        Assert.Single(lines);
        Assert.Equal(7, Points(lines[0]).Count);
    }

    [Fact]
    public void NaN_and_infinity_break_the_line_instead_of_crashing()
    {
        var p = new Plot();
        p.Line([0.0, 1, 2, 3, 4, 5, 6], [0.0, 1, double.NaN, 3, 4, double.PositiveInfinity, 6]);
        var lines = ByClass(Parse(p), "polyline", "line");
        // Runs: {0,1}, {3,4}, {6}: a single point draws no line.
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal(2, Points(l).Count));
    }

    [Fact]
    public void Non_positive_values_are_skipped_on_log_axes()
    {
        var p = new Plot { XAxis = AxisScale.Log, YAxis = AxisScale.Log };
        p.Line([-1.0, 0, 1, 10, 100], [1.0, 1, 1, 10, 100]);
        var lines = ByClass(Parse(p), "polyline", "line");
        Assert.Single(lines);
        Assert.Equal(3, Points(lines[0]).Count);
    }

    [Fact]
    public void Log_axis_puts_decades_at_equal_spacing()
    {
        var p = new Plot { XAxis = AxisScale.Log };
        p.Line([1.0, 10, 100, 1000], [0.0, 1, 2, 3]);
        var pts = Points(ByClass(Parse(p), "polyline", "line").Single());
        double d1 = pts[1].X - pts[0].X, d2 = pts[2].X - pts[1].X, d3 = pts[3].X - pts[2].X;
        Assert.True(d1 > 10);
        Assert.Equal(d1, d2, 0.02);
        Assert.Equal(d1, d3, 0.02);
        // y is linear and goes up: equal steps too, decreasing pixel y.
        Assert.True(pts[1].Y < pts[0].Y);
    }

    [Fact]
    public void Log_axis_labels_decades_as_powers_of_ten()
    {
        var p = new Plot { XAxis = AxisScale.Log, Width = 800 };
        p.Line([1e-3, 1e3], [0.0, 1]);
        var labels = Parse(p).Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "xticks")
            .Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("10−3", labels);
        Assert.Contains("100", labels); // 10^0 as 10 with superscript 0: one axis never mixes forms
        Assert.Contains("103", labels);
    }

    [Fact]
    public void Text_is_escaped()
    {
        const string nasty = "<η & δ> \"q\" 'a'";
        var p = new Plot { Title = nasty, XLabel = nasty, YLabel = nasty };
        p.Line([0.0, 1], [0.0, 1], nasty);
        p.HLine(0.5, nasty);
        p.Text(0.5, 0.5, nasty);
        string svg = p.ToSvg();
        var d = XDocument.Parse(svg);
        Assert.Equal(nasty, d.Root!.Element(Svg + "title")!.Value);
        Assert.Contains(d.Descendants(Svg + "text"), t => t.Value == nasty && (string?)t.Attribute("class") == "title");
        Assert.Contains(d.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "legend")
            .Descendants(Svg + "text"), t => t.Value == nasty);
    }

    [Fact]
    public void Control_characters_do_not_break_the_xml()
    {
        var p = new Plot { Title = "a\u0001b\tc\uFFFEd" };
        Assert.Equal("ab cd", Parse(p).Descendants(Svg + "text").Single(t => (string?)t.Attribute("class") == "title").Value);
    }

    [Fact]
    public void Output_is_deterministic()
    {
        string a = Gallery.Figure2x3().ToSvg();
        string b = Gallery.Figure2x3().ToSvg();
        Assert.Equal(a, b);
        Assert.Equal(Gallery.LineLog().ToSvg(), Gallery.LineLog().ToSvg());
    }

    [Fact]
    public void Heat_map_draws_cells_and_a_colour_bar()
    {
        var v = new double[3, 4];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                v[i, j] = (i * 4) + j;
            }
        }
        var p = new Plot();
        p.Add(new HeatMap(v, 0, 4, 0, 3) { ColorLabel = "cumulative probability" });
        var d = Parse(p);
        var cells = d.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "heatmap").Elements(Svg + "rect").ToList();
        Assert.Equal(12, cells.Count);
        var bar = d.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "colorbar");
        Assert.Contains(bar.Descendants(Svg + "text"), t => t.Value == "cumulative probability");
        Assert.Single(d.Descendants(Svg + "linearGradient"));
    }

    [Fact]
    public void Heat_map_lowest_and_highest_cells_get_the_colormap_ends()
    {
        var p = new Plot();
        p.HeatMap(new double[,] { { 0, 1 } }, 0, 2, 0, 1);
        var fills = Parse(p).Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "heatmap")
            .Elements(Svg + "rect").Select(r => (string?)r.Attribute("fill")).ToList();
        Assert.Equal([Colormap.Viridis.Map(0).ToHex(), Colormap.Viridis.Map(1).ToHex()], fills);
    }

    [Fact]
    public void Empty_plot_renders_axes_and_a_no_data_note()
    {
        var d = Parse(new Plot { XAxis = AxisScale.Log });
        Assert.Single(ByClass(d, "rect", "frame"));
        Assert.Single(ByClass(d, "text", "no-data"));
        var allNaN = new Plot();
        allNaN.Line([double.NaN], [double.NaN], "nothing");
        Assert.Single(ByClass(Parse(allNaN), "text", "no-data"));
    }

    [Fact]
    public void Figure_letters_its_panels_and_shares_a_title()
    {
        var fig = new Figure(rows: 2, cols: 3) { Title = "Fig. 5" };
        for (int i = 0; i < 6; i++)
        {
            var p = new Plot();
            p.Line([0.0, 1], [i, i + 1.0]);
            fig[i / 3, i % 3] = p;
        }
        var d = Parse(fig);
        Assert.Equal(["(a)", "(b)", "(c)", "(d)", "(e)", "(f)"], ByClass(d, "text", "panel-letter").Select(t => t.Value));
        Assert.Equal("Fig. 5", ByClass(d, "text", "figure-title").Single().Value);
        Assert.Equal(6, ByClass(d, "rect", "frame").Count);
        // Clip paths must not collide between panels.
        var ids = d.Descendants(Svg + "clipPath").Select(c => (string)c.Attribute("id")!).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Colours_follow_the_cycle_and_bands_reuse_the_previous_series_colour()
    {
        var p = new Plot();
        var a = p.Line([0.0, 1], [0.0, 1]);
        var band = p.Band([0.0, 1], [0.0, 0.5], [0.5, 1]);
        var b = p.Line([0.0, 1], [1.0, 0]);
        var c = p.Line([0.0, 1], [1.0, 0], style: new SeriesStyle { Color = Palette.Black });
        var e = p.Scatter([0.0, 1], [1.0, 0]);
        Assert.Equal(Palette.Cycle[0], a.Color);
        Assert.Equal(a.Color, band.Color);
        Assert.Equal(Palette.Cycle[1], b.Color);
        Assert.Equal(Palette.Black, c.Color);
        Assert.Equal(Palette.Cycle[2], e.Color);
    }

    [Fact]
    public void Reference_line_value_is_kept_in_view_and_labelled()
    {
        var p = new Plot();
        p.Line([0.0, 1], [90.0, 95]);
        p.HLine(97.7, "paper");
        var d = Parse(p);
        Assert.Single(ByClass(d, "line", "refline"));
        Assert.Equal("paper", ByClass(d, "text", "reflabel").Single().Value);
    }

    [Fact]
    public void Explicit_limits_are_used()
    {
        var p = new Plot { XMin = 0, XMax = 10, YMin = -1, YMax = 1 };
        p.Line([2.0, 3], [0.0, 0.5]);
        var labels = Parse(p).Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "xticks")
            .Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Equal("0", labels[0]);
        Assert.Equal("10", labels[^1]);
        var bad = new Plot { XAxis = AxisScale.Log, XMin = -1 };
        Assert.Throws<InvalidOperationException>(bad.ToSvg);
    }

    [Fact]
    public void Band_error_bars_histogram_and_markers_render()
    {
        var p = new Plot();
        double[] x = [1, 2, 3, double.NaN, 5];
        p.Band(x, [0.0, 1, 2, 3, 4], [1.0, 2, 3, 4, 5], "band");
        p.ErrorBars(x, [0.5, 1.5, 2.5, 3.5, 4.5], [0.1, 0.2, 0.1, 0.2, 0.1], "σ");
        p.Scatter(x, [0.5, 1.5, 2.5, 3.5, 4.5], "pts", new SeriesStyle { Marker = MarkerShape.Square });
        p.Histogram([1.0, 2, 2, 3, 3, 3, double.NaN], bins: 3, label: "hist");
        var d = Parse(p);
        Assert.Single(ByClass(d, "path", "band"));
        Assert.Single(ByClass(d, "path", "errorbars"));
        Assert.Single(ByClass(d, "path", "histogram"));
        Assert.Equal(4, d.Descendants(Svg + "g").Single(g => (string?)g.Attribute("clip-path") is not null)
            .Elements(Svg + "rect").Count());
        Assert.Equal(4, d.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "legend").Elements(Svg + "text").Count());
    }

    [Fact]
    public void Series_length_mismatch_is_an_argument_error() =>
        Assert.Throws<ArgumentException>(() => new Plot().Line([1.0, 2], [1.0]));
}
