namespace Crossbar.Plotting;

/// <summary>A continuous map from [0, 1] to colours, interpolated between evenly spaced anchor colours.</summary>
public sealed class Colormap
{
    private readonly Color[] _anchors;

    public Colormap(string name, IReadOnlyList<Color> anchors)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        if (anchors.Count < 2)
        {
            throw new ArgumentException("A colormap needs at least two anchor colours.", nameof(anchors));
        }
        Name = name;
        _anchors = [.. anchors];
    }

    public string Name { get; }

    /// <summary>
    /// matplotlib's viridis sampled at 11 points: perceptually uniform, monotone in lightness (prints in grey)
    /// and colour-blind friendly. Linear interpolation between these stays within a few RGB steps of the original.
    /// </summary>
    public static Colormap Viridis { get; } = new("viridis",
    [
        Color.FromHex("#440154"), Color.FromHex("#482475"), Color.FromHex("#414487"), Color.FromHex("#355f8d"),
        Color.FromHex("#2a788e"), Color.FromHex("#21918c"), Color.FromHex("#22a884"), Color.FromHex("#44bf70"),
        Color.FromHex("#7ad151"), Color.FromHex("#bddf26"), Color.FromHex("#fde725"),
    ]);

    /// <summary>White to black, for figures that must survive grey-scale printing exactly.</summary>
    public static Colormap Greys { get; } = new("greys", [Color.FromHex("#ffffff"), Color.FromHex("#000000")]);

    /// <summary>Colour at t in [0, 1] (clamped; NaN maps to the low end).</summary>
    public Color Map(double t)
    {
        if (double.IsNaN(t))
        {
            t = 0;
        }
        t = Math.Clamp(t, 0, 1);
        double pos = t * (_anchors.Length - 1);
        int i = Math.Min((int)Math.Floor(pos), _anchors.Length - 2);
        return Color.Lerp(_anchors[i], _anchors[i + 1], pos - i);
    }
}
