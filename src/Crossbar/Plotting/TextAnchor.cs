namespace Crossbar.Plotting;

/// <summary>Which point of a text the given position refers to, horizontally.</summary>
public enum TextAnchor
{
    Start,
    Middle,
    End,
}
