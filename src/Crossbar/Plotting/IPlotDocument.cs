namespace Crossbar.Plotting;

/// <summary>Something that renders to a complete SVG document: a <see cref="Plot"/> or a <see cref="Figure"/>.</summary>
public interface IPlotDocument
{
    /// <summary>Width of the SVG viewBox in px.</summary>
    int Width { get; }

    /// <summary>Height of the SVG viewBox in px.</summary>
    int Height { get; }

    /// <summary>The document as SVG text; equal models give identical text.</summary>
    string ToSvg();
}
