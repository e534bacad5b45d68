namespace Crossbar.Plotting;

/// <summary>Where the legend goes. <see cref="Auto"/> picks an empty inside corner, else goes outside right.</summary>
public enum LegendPosition
{
    Auto,
    TopRight,
    TopLeft,
    BottomRight,
    BottomLeft,
    OutsideRight,
    None,
}
