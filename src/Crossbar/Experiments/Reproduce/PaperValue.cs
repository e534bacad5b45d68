namespace Crossbar.Experiments.Reproduce;

/// <summary>A number a paper states in its text for one point of a figure.</summary>
/// <param name="Series">The curve, named as our series are (e.g. <c>method b</c>).</param>
/// <param name="X">The point's x value, in the figure's x units; NaN for a reference that holds across the axis (a SW baseline).</param>
/// <param name="Accuracy">The stated test accuracy, in percent.</param>
/// <param name="Panel">The panel, named as our panels are (e.g. <c>β = 2</c>); "" in a one-panel figure.</param>
public sealed record PaperValue(string Series, double X, double Accuracy, string Panel = "")
{
    /// <summary>Series and panel, for tables.</summary>
    public string Label => Panel.Length == 0 ? Series : $"{Series} ({Panel})";

    /// <summary>One curve's stated points: <paramref name="accuracy"/>[i] at <paramref name="x"/>[i].</summary>
    public static PaperValue[] Curve(string series, double[] x, double[] accuracy, string panel = "") =>
        [.. x.Select((v, i) => new PaperValue(series, v, accuracy[i], panel))];
}
