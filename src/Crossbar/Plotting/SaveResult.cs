namespace Crossbar.Plotting;

/// <summary>What <see cref="PlotWriter.Save"/> wrote. PngPath is null when no PNG was made.</summary>
public sealed record SaveResult(string SvgPath, string? PngPath)
{
    public bool PngWritten => PngPath is not null;

    /// <summary>Why rsvg-convert failed, when it exists but did not produce a PNG; null otherwise.</summary>
    public string? PngError { get; init; }
}
