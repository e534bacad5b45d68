using System.Globalization;
using System.Xml.Linq;
using Crossbar.Plotting;

namespace Crossbar.Tests.Plotting;

internal static class SvgTestHelpers
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static XDocument Parse(IPlotDocument doc) => XDocument.Parse(doc.ToSvg());

    public static List<XElement> ByClass(XDocument d, string element, string cssClass) =>
        [.. d.Descendants(Svg + element).Where(e => (string?)e.Attribute("class") == cssClass)];

    public static List<(double X, double Y)> Points(XElement polyline) =>
        [.. ((string)polyline.Attribute("points")!).Split(' ').Select(p =>
        {
            var xy = p.Split(',');
            return (double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture));
        })];
}
