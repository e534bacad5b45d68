using System.Xml.Linq;
using Crossbar.Plotting;

namespace Crossbar.Tests.Plotting;

public sealed class PlotWriterTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "crossbar-plotwriter-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private static Plot Sample()
    {
        var p = new Plot { Title = "sample" };
        p.Line([1.0, 2, 3], [3.0, 1, 2], "a");
        return p;
    }

    [Fact]
    public void SaveSvg_creates_folder_writes_utf8_without_bom_and_leaves_no_temp_files()
    {
        string path = Path.Combine(_dir, "sub", "plot.svg");
        Sample().SaveSvg(path);
        Sample().SaveSvg(path); // overwrite
        byte[] bytes = File.ReadAllBytes(path);
        Assert.NotEqual(0xEF, bytes[0]);
        XDocument.Load(path);
        Assert.Equal(["plot.svg"], Directory.GetFiles(Path.Combine(_dir, "sub")).Select(Path.GetFileName));
    }

    [Fact]
    public void Save_strips_extension_and_reports_png_state()
    {
        var result = PlotWriter.Save(Sample(), Path.Combine(_dir, "fig5.svg"));
        Assert.Equal(Path.Combine(_dir, "fig5.svg"), result.SvgPath);
        Assert.True(File.Exists(result.SvgPath));
        Assert.Equal(PlotWriter.CanWritePng, result.PngWritten);
        Assert.Equal(result.PngWritten, File.Exists(Path.Combine(_dir, "fig5.png")));
    }

    [RequiresRsvgConvertFact]
    public void Png_is_written_next_to_the_svg_at_twice_the_width()
    {
        var fig = new Figure(1, 2) { Title = "two panels" };
        fig[0, 0] = Sample();
        fig[0, 1] = Sample();
        var result = fig.Save(Path.Combine(_dir, "fig"));
        Assert.True(result.PngWritten, result.PngError);
        byte[] png = File.ReadAllBytes(result.PngPath!);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        // IHDR width, big-endian, at byte 16.
        int width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
        Assert.Equal(2 * fig.Width, width);
        Assert.Equal(["fig.png", "fig.svg"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order());
    }
}
