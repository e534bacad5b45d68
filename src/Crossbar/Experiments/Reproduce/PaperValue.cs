namespace Crossbar.Experiments.Reproduce;

/// <summary>A number a paper states in its text for one point of a figure.</summary>
/// <param name="Series">The curve, named as our series are (e.g. <c>method b</c>).</param>
/// <param name="X">The point's x value, in the figure's x units; NaN for a reference that holds across the axis (a SW baseline).</param>
/// <param name="Accuracy">The stated test accuracy, in percent.</param>
/// <param name="Panel">The panel, named as our panels are (e.g. <c>β = 2</c>); "" in a one-panel figure.</param>
public sealed record PaperValue(string Series, double X, double Accuracy, string Panel = "")
{
    /// <summary>
    /// The value is the curve's best point wherever it lies (a peak the paper states without a comparable x, e.g.
    /// 000's "peak value around 97.7 %" on its own η scale): compared with our series' highest point, drawn as a
    /// dotted line across the axis.
    /// </summary>
    public bool Peak { get; init; }

    /// <summary>A stated peak of <paramref name="series"/> (see <see cref="Peak"/>).</summary>
    public static PaperValue PeakOf(string series, double accuracy) => new(series, double.NaN, accuracy) { Peak = true };
    /// <summary>Series and panel, for tables.</summary>
    public string Label => Panel.Length == 0 ? Series : $"{Series} ({Panel})";

    /// <summary>One curve's stated points: <paramref name="accuracy"/>[i] at <paramref name="x"/>[i].</summary>
    public static PaperValue[] Curve(string series, double[] x, double[] accuracy, string panel = "") =>
        [.. x.Select((v, i) => new PaperValue(series, v, accuracy[i], panel))];
}
