namespace Crossbar.Experiments.Reproduce;

/// <summary>A number a paper states in its text for one point of a figure.</summary>
/// <param name="Series">The curve, named as our series are (e.g. <c>method b</c>).</param>
/// <param name="X">The point's x value, in the figure's x units; NaN for a reference that holds across the axis (a SW baseline).</param>
/// <param name="Accuracy">The stated test accuracy, in percent.</param>
public sealed record PaperValue(string Series, double X, double Accuracy);
