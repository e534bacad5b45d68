namespace Crossbar.Plotting;

/// <summary>
/// The SVG root: fixed viewBox, font, white background, and a &lt;title&gt; for accessibility. xml:space="preserve"
/// keeps the spaces next to super/subscript tspans, which default white-space handling strips.
/// </summary>
internal static class SvgDocument
{
    public static string Build(int width, int height, string? title, Action<SvgWriter> body)
    {
        var w = new SvgWriter();
        string W = width.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string H = height.ToString(System.Globalization.CultureInfo.InvariantCulture);
        w.Line("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        w.Line($"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{W}\" height=\"{H}\" " +
            $"viewBox=\"0 0 {W} {H}\" xml:space=\"preserve\" font-family=\"{SvgWriter.FontFamily}\">");
        if (!string.IsNullOrEmpty(title))
        {
            w.Line($"<title>{SvgWriter.Escape(TextMarkup.Plain(title))}</title>");
        }
        w.Line($"<rect width=\"{W}\" height=\"{H}\" fill=\"#ffffff\"/>");
        body(w);
        w.Line("</svg>");
        return w.ToString();
    }
}
