namespace Crossbar.Plotting;

/// <summary>Stroke pattern of a line; patterns scale with the line width.</summary>
public enum DashStyle
{
    Solid,
    Dashed,
    Dotted,
    DashDot,
}
