namespace Crossbar.Plotting;

/// <summary>
/// The Okabe–Ito colours (Okabe &amp; Ito 2008), distinguishable with the common colour-vision deficiencies. The
/// cycle puts the high-contrast ones first and yellow last, because yellow lines are faint on white.
/// </summary>
public static class Palette
{
    public static readonly Color Blue = Color.FromHex("#0072b2");
    public static readonly Color Vermillion = Color.FromHex("#d55e00");
    public static readonly Color BluishGreen = Color.FromHex("#009e73");
    public static readonly Color Orange = Color.FromHex("#e69f00");
    public static readonly Color ReddishPurple = Color.FromHex("#cc79a7");
    public static readonly Color SkyBlue = Color.FromHex("#56b4e9");
    public static readonly Color Black = Color.FromHex("#000000");
    public static readonly Color Yellow = Color.FromHex("#f0e442");
    public static readonly Color Gray = Color.FromHex("#555555");

    /// <summary>The fixed series colour cycle; series i gets Cycle[i % Cycle.Count].</summary>
    public static IReadOnlyList<Color> Cycle { get; } =
        [Blue, Vermillion, BluishGreen, Orange, ReddishPurple, SkyBlue, Black, Yellow];

    public static Color CycleColor(int index) => Cycle[((index % Cycle.Count) + Cycle.Count) % Cycle.Count];
}
