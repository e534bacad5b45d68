namespace Crossbar.Plotting;

/// <summary>How an annotation position is given.</summary>
public enum CoordinateSpace
{
    /// <summary>Data units of the axes.</summary>
    Data,

    /// <summary>Fractions of the axes area: (0, 0) bottom left, (1, 1) top right; unaffected by log scales.</summary>
    Axes,
}
