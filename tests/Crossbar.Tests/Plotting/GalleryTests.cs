using System.Xml.Linq;
using Crossbar.Plotting;

namespace Crossbar.Tests.Plotting;

public class GalleryTests
{
    /// <summary>Renders every gallery figure; set CROSSBAR_PLOT_GALLERY to a folder to keep them for viewing.</summary>
    [Fact]
    public void Gallery_figures_render_as_valid_svg()
    {
        string? keep = Environment.GetEnvironmentVariable("CROSSBAR_PLOT_GALLERY");
        string dir = keep ?? Path.Combine(Path.GetTempPath(), "crossbar-gallery-" + Environment.ProcessId);
        try
        {
            foreach (var (name, doc) in Gallery.All())
            {
                var result = PlotWriter.Save(doc, Path.Combine(dir, name));
                XDocument.Load(result.SvgPath);
                Assert.Equal(PlotWriter.CanWritePng, result.PngWritten);
            }
        }
        finally
        {
            if (keep is null && Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
