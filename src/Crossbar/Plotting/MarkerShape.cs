namespace Crossbar.Plotting;

/// <summary>Shape drawn at each data point.</summary>
public enum MarkerShape
{
    None,
    Circle,
    Square,
    Diamond,
    Triangle,
    Cross,
    Plus,
}
