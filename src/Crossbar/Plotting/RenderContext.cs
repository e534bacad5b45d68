namespace Crossbar.Plotting;

/// <summary>What an item needs to draw itself: the writer, the axis mappings and the plot-area rectangle.</summary>
internal sealed class RenderContext(SvgWriter svg, AxisMap x, AxisMap y, string idPrefix, double fontSize)
{
    public SvgWriter Svg { get; } = svg;
    public AxisMap X { get; } = x;
    public AxisMap Y { get; } = y;

    /// <summary>Unique within the document, for clip-path and gradient ids.</summary>
    public string IdPrefix { get; } = idPrefix;

    public double FontSize { get; } = fontSize;
    public double Left => Math.Min(X.PixelAtMin, X.PixelAtMax);
    public double Right => Math.Max(X.PixelAtMin, X.PixelAtMax);
    public double Top => Math.Min(Y.PixelAtMin, Y.PixelAtMax);
    public double Bottom => Math.Max(Y.PixelAtMin, Y.PixelAtMax);

    /// <summary>
    /// Splits points into runs of drawable points (NaN, ±∞ and non-positive values on log axes break the run)
    /// in pixel coordinates, dropping points closer than 0.3 px to the previous one so huge series stay small.
    /// </summary>
    public List<List<(double X, double Y)>> Runs(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        var runs = new List<List<(double, double)>>();
        List<(double X, double Y)>? cur = null;
        for (int i = 0; i < xs.Count; i++)
        {
            if (!X.IsValid(xs[i]) || !Y.IsValid(ys[i]))
            {
                cur = null;
                continue;
            }
            var p = (X.Map(xs[i]), Y.Map(ys[i]));
            if (cur is null)
            {
                cur = [];
                runs.Add(cur);
            }
            bool lastOfRun = i + 1 == xs.Count || !X.IsValid(xs[i + 1]) || !Y.IsValid(ys[i + 1]);
            if (cur.Count > 0 && !lastOfRun)
            {
                var q = cur[^1];
                if (Math.Abs(q.X - p.Item1) < 0.3 && Math.Abs(q.Y - p.Item2) < 0.3)
                {
                    continue;
                }
            }
            cur.Add(p);
        }
        return runs;
    }

    public static string Points(List<(double X, double Y)> run) =>
        string.Join(' ', run.Select(p => SvgWriter.Num(p.X) + "," + SvgWriter.Num(p.Y)));
}
