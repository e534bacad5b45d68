namespace Crossbar.Plotting;

/// <summary>
/// Something drawn inside a plot's axes. Items are created through <see cref="Plot"/>'s methods (Line, Band, …),
/// which resolve colours from the cycle; the returned item can still be tweaked (label, style) before rendering.
/// </summary>
public abstract class PlotItem
{
    private protected PlotItem(string? label) => Label = label;

    /// <summary>Legend text (^{…}/_{…} markup allowed); null or empty keeps the item out of the legend.</summary>
    public string? Label { get; set; }

    /// <summary>Drawing order: lower layers first, so areas never hide lines. Equal layers keep insertion order.</summary>
    internal abstract int Layer { get; }

    internal abstract void AddBounds(DataBounds bounds);

    internal abstract void Render(RenderContext ctx);

    internal virtual bool InLegend => !string.IsNullOrEmpty(Label);

    /// <summary>Whether drawing is clipped to the axes area (data is; annotations are not).</summary>
    internal virtual bool Clipped => true;

    /// <summary>Draws the legend key centred vertically on <paramref name="y"/>, spanning [x, x + width].</summary>
    internal virtual void RenderLegendKey(SvgWriter w, double x, double y, double width)
    {
    }

    /// <summary>Pixels the item covers, sampled, so an automatic legend can find an empty corner.</summary>
    internal virtual IEnumerable<(double X, double Y)> Footprint(RenderContext ctx) => [];

    /// <summary>Sampled pixels of text (annotations, reference labels) that a legend must never cover.</summary>
    internal virtual IEnumerable<(double X, double Y)> Obstacles(RenderContext ctx) => [];

    /// <summary>Points every 2 px over a text box whose baseline starts at (x, baseline).</summary>
    internal static IEnumerable<(double X, double Y)> TextBox(double x, double baseline, double width, double fontSize)
    {
        for (double px = x; px <= x + width; px += 2)
        {
            for (double py = baseline - (fontSize * 0.8); py <= baseline + (fontSize * 0.2); py += 2)
            {
                yield return (px, py);
            }
        }
    }

    internal static double[] Copy(IReadOnlyList<double> values, string name)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        return [.. values];
    }

    internal static void SameLength(int expected, int actual, string name)
    {
        if (expected != actual)
        {
            throw new ArgumentException($"{name} has {actual} values but x has {expected}.", name);
        }
    }

    /// <summary>Points every ~4 px along each run, for <see cref="Footprint"/>.</summary>
    internal static IEnumerable<(double X, double Y)> Sample(List<List<(double X, double Y)>> runs)
    {
        foreach (var run in runs)
        {
            for (int i = 0; i < run.Count; i++)
            {
                yield return run[i];
                if (i + 1 < run.Count)
                {
                    var (ax, ay) = run[i];
                    var (bx, by) = run[i + 1];
                    int n = (int)Math.Min(200, Math.Ceiling(Math.Sqrt(((bx - ax) * (bx - ax)) + ((by - ay) * (by - ay))) / 4));
                    for (int k = 1; k < n; k++)
                    {
                        double t = k / (double)n;
                        yield return (ax + ((bx - ax) * t), ay + ((by - ay) * t));
                    }
                }
            }
        }
    }

    internal static string StrokeAttrs(Color color, SeriesStyle style)
    {
        string s = $"stroke=\"{color.ToHex()}\" stroke-width=\"{SvgWriter.Num(style.LineWidth)}\"";
        if (style.Dash != DashStyle.Solid)
        {
            s += $" stroke-dasharray=\"{SvgWriter.DashArray(style.Dash, style.LineWidth)}\"";
        }
        if (style.Opacity < 1)
        {
            s += $" stroke-opacity=\"{SvgWriter.Num(style.Opacity)}\"";
        }
        return s;
    }
}
