using System.Text;

namespace Crossbar.Plotting;

/// <summary>One piece of a label: plain text, a superscript (Shift = +1) or a subscript (Shift = −1).</summary>
internal readonly record struct TextRun(string Text, int Shift);

/// <summary>
/// Minimal label markup so axis labels can say "G_{max}" or "10^{−3}": <c>^{…}</c> raises, <c>_{…}</c> lowers.
/// A ^ or _ not followed by { is literal text, so ordinary labels need no escaping.
/// </summary>
internal static class TextMarkup
{
    public const double ScriptScale = 0.72;

    public static List<TextRun> Parse(string text)
    {
        var runs = new List<TextRun>();
        var plain = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if ((c == '^' || c == '_') && i + 1 < text.Length && text[i + 1] == '{')
            {
                int close = text.IndexOf('}', i + 2);
                if (close > 0)
                {
                    if (plain.Length > 0)
                    {
                        runs.Add(new TextRun(plain.ToString(), 0));
                        plain.Clear();
                    }
                    runs.Add(new TextRun(text[(i + 2)..close], c == '^' ? 1 : -1));
                    i = close + 1;
                    continue;
                }
            }
            plain.Append(c);
            i++;
        }
        if (plain.Length > 0)
        {
            runs.Add(new TextRun(plain.ToString(), 0));
        }
        return runs;
    }

    /// <summary>The label as plain text (markup removed), e.g. for accessibility titles.</summary>
    public static string Plain(string text) => string.Concat(Parse(text).Select(r => r.Text));
}
