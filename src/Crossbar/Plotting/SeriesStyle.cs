namespace Crossbar.Plotting;

/// <summary>
/// How a series is stroked and marked. A null <see cref="Color"/> takes the plot's next colour-cycle entry.
/// Immutable; derive variants with <c>with</c>: <c>SeriesStyle.Dashed with { Color = Palette.Black }</c>.
/// </summary>
public sealed record SeriesStyle
{
    public static SeriesStyle Default { get; } = new();

    public static SeriesStyle Dashed { get; } = new() { Dash = DashStyle.Dashed };

    public static SeriesStyle Dotted { get; } = new() { Dash = DashStyle.Dotted };

    public static SeriesStyle WithMarkers { get; } = new() { Marker = MarkerShape.Circle };

    public Color? Color { get; init; }

    public double LineWidth { get; init; } = 1.75;

    public DashStyle Dash { get; init; } = DashStyle.Solid;

    public MarkerShape Marker { get; init; } = MarkerShape.None;

    /// <summary>Marker diameter in px.</summary>
    public double MarkerSize { get; init; } = 6;

    /// <summary>Opacity of lines and markers, 0–1.</summary>
    public double Opacity { get; init; } = 1;

    /// <summary>Opacity of filled areas (bands, histogram bars), 0–1.</summary>
    public double FillOpacity { get; init; } = 0.25;
}
