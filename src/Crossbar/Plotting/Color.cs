using System.Globalization;

namespace Crossbar.Plotting;

/// <summary>An opaque sRGB colour; transparency is a separate opacity on each drawing.</summary>
public readonly record struct Color(byte R, byte G, byte B)
{
    /// <summary>Parses "#rrggbb" or "rrggbb".</summary>
    public static Color FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        string s = hex.StartsWith('#') ? hex[1..] : hex;
        if (s.Length != 6 || !uint.TryParse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint v))
        {
            throw new FormatException($"Not a #rrggbb colour: '{hex}'.");
        }
        return new Color((byte)(v >> 16), (byte)(v >> 8), (byte)v);
    }

    /// <summary>Linear blend in sRGB; t = 0 gives a, t = 1 gives b.</summary>
    public static Color Lerp(Color a, Color b, double t)
    {
        t = Math.Clamp(t, 0, 1);
        return new Color(Mix(a.R, b.R, t), Mix(a.G, b.G, t), Mix(a.B, b.B, t));
    }

    private static byte Mix(byte a, byte b, double t) => (byte)Math.Round(a + ((b - a) * t));

    /// <summary>Lower-case "#rrggbb", as written into SVG.</summary>
    public string ToHex() => string.Create(CultureInfo.InvariantCulture, $"#{R:x2}{G:x2}{B:x2}");

    public override string ToString() => ToHex();
}
