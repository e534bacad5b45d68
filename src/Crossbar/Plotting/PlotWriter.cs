using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Crossbar.Plotting;

/// <summary>
/// Writes plots to disk: SVG always, PNG too when rsvg-convert is on PATH (looked up once per process).
/// Files are written to a temporary name in the same folder and then moved over the target, so readers never
/// see a half-written figure.
/// </summary>
public static class PlotWriter
{
    /// <summary>PNG pixels per SVG px: 2 gives crisp images on slides and high-DPI screens.</summary>
    public const double DefaultPngScale = 2;

    private static readonly Lazy<string?> Converter = new(() => FindOnPath("rsvg-convert"));
    private static int s_tempCounter;

    /// <summary>Whether rsvg-convert was found, i.e. whether <see cref="Save"/> can write PNGs.</summary>
    public static bool CanWritePng => Converter.Value is not null;

    /// <summary>
    /// Writes <c>path.svg</c> and, if possible, <c>path.png</c> (white background, <paramref name="pngScale"/> ×
    /// the SVG width). A trailing ".svg" or ".png" on <paramref name="path"/> is ignored. When no PNG is written, a
    /// stale PNG from an earlier run is deleted so it cannot be mistaken for this figure.
    /// </summary>
    public static SaveResult Save(IPlotDocument document, string path, double pngScale = DefaultPngScale)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentException.ThrowIfNullOrEmpty(path);
        string stem = path.EndsWith(".svg", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".png", StringComparison.OrdinalIgnoreCase)
            ? path[..^4]
            : path;
        string svgPath = stem + ".svg", pngPath = stem + ".png";
        SaveSvg(document, svgPath);
        if (Converter.Value is not string tool)
        {
            DeleteIfExists(pngPath);
            return new SaveResult(svgPath, null);
        }
        int px = Math.Max(1, (int)Math.Round(document.Width * pngScale));
        string? error = ConvertToPng(tool, svgPath, pngPath, px);
        if (error is not null)
        {
            DeleteIfExists(pngPath);
            return new SaveResult(svgPath, null) { PngError = error };
        }
        return new SaveResult(svgPath, pngPath);
    }

    /// <summary>Writes the SVG only, atomically, creating the folder if needed.</summary>
    public static void SaveSvg(IPlotDocument document, string path)
    {
        ArgumentNullException.ThrowIfNull(document);
        WriteAtomic(path, document.ToSvg());
    }

    internal static void WriteAtomic(string path, string text) => Output.AtomicFile.WriteAllText(path, text);

    /// <summary>Runs rsvg-convert into a temporary file and moves it into place; returns an error message or null.</summary>
    private static string? ConvertToPng(string tool, string svgPath, string pngPath, int widthPx)
    {
        string full = Path.GetFullPath(pngPath);
        string temp = TempPath(full, ".tmp.png");
        try
        {
            var psi = new ProcessStartInfo(tool)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (string a in new[] { "-w", widthPx.ToString(CultureInfo.InvariantCulture), "-b", "white", "-o", temp, Path.GetFullPath(svgPath) })
            {
                psi.ArgumentList.Add(a);
            }
            using var proc = Process.Start(psi);
            if (proc is null)
            {
                return "could not start rsvg-convert";
            }
            var stderr = proc.StandardError.ReadToEndAsync();
            var stdout = proc.StandardOutput.ReadToEndAsync();
            if (!proc.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                proc.Kill(entireProcessTree: true);
                return "rsvg-convert timed out";
            }
            proc.WaitForExit();
            if (proc.ExitCode != 0 || !File.Exists(temp))
            {
                return $"rsvg-convert exited with {proc.ExitCode}: {stderr.Result.Trim()}";
            }
            _ = stdout.Result;
            File.Move(temp, full, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception or UnauthorizedAccessException)
        {
            return e.Message;
        }
        finally
        {
            DeleteIfExists(temp);
        }
    }

    private static string TempPath(string fullTarget, string suffix)
    {
        int n = Interlocked.Increment(ref s_tempCounter);
        string name = string.Create(CultureInfo.InvariantCulture, $".{Path.GetFileName(fullTarget)}.{Environment.ProcessId}.{n}{suffix}");
        return Path.Combine(Path.GetDirectoryName(fullTarget)!, name);
    }

    private static void DeleteIfExists(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
            // Best effort: a leftover temp file is harmless.
        }
    }

    internal static string? FindOnPath(string tool)
    {
        string? pathVar = Environment.GetEnvironmentVariable("PATH");
        if (string.IsNullOrEmpty(pathVar))
        {
            return null;
        }
        string[] names = OperatingSystem.IsWindows() ? [tool + ".exe", tool] : [tool];
        foreach (string dir in pathVar.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string name in names)
            {
                string candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }
        return null;
    }
}
