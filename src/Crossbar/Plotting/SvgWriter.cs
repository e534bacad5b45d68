using System.Globalization;
using System.Text;

namespace Crossbar.Plotting;

/// <summary>
/// Appends SVG elements to a string. All numbers go through <see cref="Num"/> (invariant culture, 2 decimals)
/// and all text through <see cref="Escape"/>, so output is valid XML and byte-identical for equal input.
/// </summary>
internal sealed class SvgWriter
{
    public const string FontFamily = "Helvetica, Arial, DejaVu Sans, sans-serif";

    private readonly StringBuilder _sb = new();

    public SvgWriter Raw(string s)
    {
        _sb.Append(s);
        return this;
    }

    public SvgWriter Line(string s)
    {
        _sb.Append(s).Append('\n');
        return this;
    }

    public override string ToString() => _sb.ToString();

    /// <summary>A coordinate rounded to 1/100 px: finer than any renderer resolves, and keeps files small.</summary>
    public static string Num(double v)
    {
        double r = Math.Round(v, 2);
        if (r == 0)
        {
            return "0";
        }
        return r.ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>Escapes for element content and attribute values; drops characters XML 1.0 forbids.</summary>
    public static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length + 8);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&apos;"); break;
                case '\t' or '\n' or '\r': sb.Append(' '); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[i + 1]);
                        i++;
                    }
                    else if (c >= 0x20 && !char.IsSurrogate(c) && c != '\uFFFE' && c != '\uFFFF')
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        return sb.ToString();
    }

    public static string DashArray(DashStyle dash, double width)
    {
        double u = Math.Max(width, 1);
        return dash switch
        {
            DashStyle.Dashed => $"{Num(4 * u)} {Num(2.2 * u)}",
            DashStyle.Dotted => $"{Num(1 * u)} {Num(1.6 * u)}",
            DashStyle.DashDot => $"{Num(4 * u)} {Num(1.6 * u)} {Num(1 * u)} {Num(1.6 * u)}",
            _ => "",
        };
    }

    public void LineSegment(double x1, double y1, double x2, double y2, string stroke, double width,
        string extra = "")
    {
        Line($"<line x1=\"{Num(x1)}\" y1=\"{Num(y1)}\" x2=\"{Num(x2)}\" y2=\"{Num(y2)}\" stroke=\"{stroke}\" " +
             $"stroke-width=\"{Num(width)}\"{extra}/>");
    }

    public void Rect(double x, double y, double w, double h, string attrs) =>
        Line($"<rect x=\"{Num(x)}\" y=\"{Num(y)}\" width=\"{Num(w)}\" height=\"{Num(h)}\" {attrs}/>");

    /// <summary>
    /// A text element with ^{…}/_{…} markup turned into shifted, smaller tspans. <paramref name="rotate"/> turns
    /// it about its anchor (−90 for a y-axis label).
    /// </summary>
    public void Text(double x, double y, string markup, double fontSize, TextAnchor anchor = TextAnchor.Start,
        string fill = "#222222", double rotate = 0, bool bold = false, bool italic = false, string cssClass = "",
        bool halo = false)
    {
        var sb = new StringBuilder();
        sb.Append("<text x=\"").Append(Num(x)).Append("\" y=\"").Append(Num(y)).Append("\" font-size=\"")
            .Append(Num(fontSize)).Append('"');
        if (anchor != TextAnchor.Start)
        {
            sb.Append(" text-anchor=\"").Append(anchor == TextAnchor.Middle ? "middle" : "end").Append('"');
        }
        if (fill != "#222222")
        {
            sb.Append(" fill=\"").Append(fill).Append('"');
        }
        if (bold)
        {
            sb.Append(" font-weight=\"bold\"");
        }
        if (italic)
        {
            sb.Append(" font-style=\"italic\"");
        }
        if (rotate != 0)
        {
            sb.Append(" transform=\"rotate(").Append(Num(rotate)).Append(' ').Append(Num(x)).Append(' ')
                .Append(Num(y)).Append(")\"");
        }
        if (halo)
        {
            // A white outline under the glyphs keeps labels legible where they cross lines or bands.
            sb.Append(" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\"");
        }
        if (cssClass.Length > 0)
        {
            sb.Append(" class=\"").Append(cssClass).Append('"');
        }
        sb.Append('>');
        var runs = TextMarkup.Parse(markup);
        double current = 0;
        foreach (var run in runs)
        {
            // Vertical offsets of scripts, in px of the main font; dy is relative, so track where we are.
            double target = run.Shift switch { 1 => -0.42 * fontSize, -1 => 0.2 * fontSize, _ => 0 };
            if (run.Shift == 0 && current == 0)
            {
                sb.Append(Escape(run.Text));
                continue;
            }
            sb.Append("<tspan dy=\"").Append(Num(target - current)).Append('"');
            if (run.Shift != 0)
            {
                sb.Append(" font-size=\"").Append(Num(fontSize * TextMarkup.ScriptScale)).Append('"');
            }
            sb.Append('>').Append(Escape(run.Text)).Append("</tspan>");
            current = target;
        }
        sb.Append("</text>");
        Line(sb.ToString());
    }
}
