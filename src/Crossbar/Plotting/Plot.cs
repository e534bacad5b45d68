namespace Crossbar.Plotting;

/// <summary>
/// One set of axes with its series. Build it with the series methods, then <see cref="Save"/> it or put it in a
/// <see cref="Figure"/>. Colours come from <see cref="Palette.Cycle"/> in the order series are added; a style's
/// explicit colour does not advance the cycle. <see cref="Band"/> and <see cref="ErrorBars(IReadOnlyList{double}, IReadOnlyList{double}, IReadOnlyList{double}, string?, SeriesStyle?)"/>
/// reuse the colour of the series added just before them, so add the line first and its band after.
/// Labels, titles and legend text may use ^{…} and _{…} for super- and subscripts.
/// </summary>
/// <example>
/// var p = new Plot { Title = "Test accuracy", XLabel = "η", YLabel = "accuracy (%)", XAxis = AxisScale.Log };
/// p.Line(eta, median, "median");
/// p.Band(eta, lo, hi, "±1σ");
/// p.HLine(97.7, "paper");
/// p.Save("out/accuracy");
/// </example>
public sealed class Plot : IPlotDocument
{
    private readonly List<PlotItem> _items = [];
    private int _cycle;
    private Color? _lastColor;

    public string? Title { get; set; }
    public string? XLabel { get; set; }
    public string? YLabel { get; set; }
    public AxisScale XAxis { get; set; } = AxisScale.Linear;
    public AxisScale YAxis { get; set; } = AxisScale.Linear;

    /// <summary>Explicit axis limits; a null side is chosen from the data with 5 % padding.</summary>
    public double? XMin { get; set; }

    public double? XMax { get; set; }
    public double? YMin { get; set; }
    public double? YMax { get; set; }
    public bool Grid { get; set; } = true;

    /// <summary>Explicit x ticks (each labelled with its value), e.g. the swept values of a log axis; null = automatic.</summary>
    public IReadOnlyList<double>? XTicks { get; set; }
    public LegendPosition Legend { get; set; } = LegendPosition.Auto;

    /// <summary>Size when saved on its own; inside a <see cref="Figure"/> the panel size applies.</summary>
    public int Width { get; set; } = 640;

    public int Height { get; set; } = 440;

    /// <summary>Axis-label size in px; ticks, legend and title scale from it.</summary>
    public double FontSize { get; set; } = 12;

    public IReadOnlyList<PlotItem> Items => _items;

    public T Add<T>(T item) where T : PlotItem
    {
        ArgumentNullException.ThrowIfNull(item);
        _items.Add(item);
        return item;
    }

    public LineSeries Line(IReadOnlyList<double> x, IReadOnlyList<double> y, string? label = null, SeriesStyle? style = null)
    {
        style ??= SeriesStyle.Default;
        return Add(new LineSeries(x, y, label, style, NextColor(style), drawLine: true));
    }

    /// <summary>Markers only (a circle unless the style names another marker).</summary>
    public LineSeries Scatter(IReadOnlyList<double> x, IReadOnlyList<double> y, string? label = null, SeriesStyle? style = null)
    {
        style ??= SeriesStyle.Default;
        return Add(new LineSeries(x, y, label, style, NextColor(style), drawLine: false));
    }

    /// <summary>Shaded area between <paramref name="lower"/> and <paramref name="upper"/>.</summary>
    public BandSeries Band(IReadOnlyList<double> x, IReadOnlyList<double> lower, IReadOnlyList<double> upper,
        string? label = null, SeriesStyle? style = null)
    {
        style ??= SeriesStyle.Default;
        return Add(new BandSeries(x, lower, upper, label, style, AttachedColor(style)));
    }

    /// <summary>Error bars from absolute <paramref name="lower"/> to <paramref name="upper"/> values (e.g. min/max).</summary>
    public ErrorBarSeries ErrorBars(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<double> lower,
        IReadOnlyList<double> upper, string? label = null, SeriesStyle? style = null)
    {
        style ??= SeriesStyle.Default;
        return Add(new ErrorBarSeries(x, y, lower, upper, label, style, AttachedColor(style)));
    }

    /// <summary>Symmetric error bars y ± <paramref name="sigma"/>.</summary>
    public ErrorBarSeries ErrorBars(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<double> sigma,
        string? label = null, SeriesStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(sigma);
        PlotItem.SameLength(y.Count, sigma.Count, nameof(sigma));
        var lo = y.Select((v, i) => v - sigma[i]).ToArray();
        var hi = y.Select((v, i) => v + sigma[i]).ToArray();
        return ErrorBars(x, y, lo, hi, label, style);
    }

    /// <summary>Horizontal reference line, labelled on the line (dashed grey unless styled).</summary>
    public ReferenceLine HLine(double y, string? label = null, SeriesStyle? style = null) =>
        Add(new ReferenceLine(true, y, label, style ?? ReferenceStyle, style?.Color ?? Palette.Gray));

    /// <summary>Vertical reference line, labelled on the line (dashed grey unless styled).</summary>
    public ReferenceLine VLine(double x, string? label = null, SeriesStyle? style = null) =>
        Add(new ReferenceLine(false, x, label, style ?? ReferenceStyle, style?.Color ?? Palette.Gray));

    /// <summary>Text centred vertically on (x, y), in data units or axes fractions.</summary>
    public TextAnnotation Text(double x, double y, string text, TextAnchor anchor = TextAnchor.Start,
        CoordinateSpace space = CoordinateSpace.Data) => Add(new TextAnnotation(x, y, text, anchor, space));

    /// <summary>Empirical CDF of a sample as a step curve (non-finite values ignored).</summary>
    public LineSeries Cdf(IEnumerable<double> values, string? label = null, SeriesStyle? style = null)
    {
        var (x, f) = EmpiricalCdf.Steps(values);
        return Line(x, f, label, style);
    }

    /// <summary>
    /// Histogram with <paramref name="bins"/> equal bins over the data range (log-spaced when the x axis is
    /// already log), or an automatic count (Freedman–Diaconis) when null.
    /// </summary>
    public HistogramSeries Histogram(IEnumerable<double> values, int? bins = null, string? label = null,
        bool density = false, SeriesStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        var v = values as IReadOnlyList<double> ?? [.. values];
        return Histogram(v, AutoEdges(v, bins), label, density, style);
    }

    /// <summary>Histogram over explicit, increasing bin <paramref name="edges"/>.</summary>
    public HistogramSeries Histogram(IEnumerable<double> values, double[] edges, string? label = null,
        bool density = false, SeriesStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(edges);
        style ??= SeriesStyle.Default;
        var v = values as IReadOnlyList<double> ?? [.. values];
        return Add(new HistogramSeries(v, [.. edges], density, label, style, NextColor(style)));
    }

    /// <summary>Adds a heat map over the data rectangle; see <see cref="Plotting.HeatMap"/>.</summary>
    public HeatMap HeatMap(double[,] values, double xMin, double xMax, double yMin, double yMax, string? colorLabel = null) =>
        Add(new HeatMap(values, xMin, xMax, yMin, yMax) { ColorLabel = colorLabel });

    public string ToSvg() => SvgDocument.Build(Width, Height, Title,
        w => PlotRenderer.Render(w, this, 0, 0, Width, Height, "p", panelLetter: null));

    public void SaveSvg(string path) => PlotWriter.SaveSvg(this, path);

    /// <summary>Writes path.svg and, when rsvg-convert is available, path.png.</summary>
    public SaveResult Save(string path, double pngScale = PlotWriter.DefaultPngScale) => PlotWriter.Save(this, path, pngScale);

    private static SeriesStyle ReferenceStyle { get; } = new() { Dash = DashStyle.Dashed, LineWidth = 1.2 };

    private Color NextColor(SeriesStyle style)
    {
        var c = style.Color ?? Palette.CycleColor(_cycle++);
        _lastColor = c;
        return c;
    }

    private Color AttachedColor(SeriesStyle style) => style.Color ?? _lastColor ?? Palette.CycleColor(_cycle);

    private double[] AutoEdges(IReadOnlyList<double> values, int? bins)
    {
        if (XAxis == AxisScale.Log)
        {
            var pos = values.Where(v => double.IsFinite(v) && v > 0).ToArray();
            if (pos.Length > 0)
            {
                double lo = pos.Min(), hi = pos.Max();
                var logEdges = bins is int n
                    ? HistogramBins.Linear(Math.Log10(lo), Math.Log10(hi), n)
                    : HistogramBins.Auto(pos.Select(Math.Log10));
                return [.. logEdges.Select(e => Math.Pow(10, e))];
            }
        }
        if (bins is int count)
        {
            var finite = values.Where(double.IsFinite).ToArray();
            return finite.Length == 0 ? HistogramBins.Linear(0, 1, count) : HistogramBins.Linear(finite.Min(), finite.Max(), count);
        }
        return HistogramBins.Auto(values);
    }
}
