namespace Crossbar.Plotting;

/// <summary>
/// Estimated text extents for layout. SVG has no text measurement, so we use DejaVu Sans advance widths
/// (the widest common sans-serif, and what rsvg-convert falls back to here): estimates err on the wide side,
/// which only costs a little white space.
/// </summary>
internal static class TextMetrics
{
    public static double Width(string markup, double fontSize)
    {
        double w = 0;
        foreach (var run in TextMarkup.Parse(markup))
        {
            w += PlainWidth(run.Text, fontSize) * (run.Shift == 0 ? 1 : TextMarkup.ScriptScale);
        }
        return w;
    }

    public static double PlainWidth(string text, double fontSize)
    {
        double em = 0;
        foreach (char c in text)
        {
            em += CharWidth(c);
        }
        return em * fontSize;
    }

    private static double CharWidth(char c) => c switch
    {
        >= '0' and <= '9' => 0.636,
        ' ' or '.' or ',' or ':' or ';' => 0.318,
        'i' or 'j' or 'l' or 'I' or '|' or '!' or '\'' => 0.28,
        'f' or 't' or 'r' => 0.4,
        '(' or ')' or '[' or ']' or '{' or '}' => 0.39,
        '-' => 0.36,
        '−' or '+' or '=' or '<' or '>' or '±' or '×' => 0.84,
        'm' or 'M' or 'W' or 'w' or '%' => 0.95,
        >= 'A' and <= 'Z' => 0.72,
        >= 'a' and <= 'z' => 0.61,
        _ => 0.68,
    };
}
