using System.Text;

namespace Crossbar.Output;

/// <summary>
/// Writes a file so that readers (and a run that is killed half-way) see either the old file or the complete new
/// one, never a partial one: write to a temporary file in the same folder, flush, then rename over the target.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string contents) => WriteAllBytes(path, new UTF8Encoding(false).GetBytes(contents));

    public static void WriteAllBytes(string path, ReadOnlySpan<byte> contents)
    {
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        string tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                fs.Write(contents);
                fs.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: true);
        }
        catch
        {
            TryDelete(tmp);
            throw;
        }
    }

    /// <summary>Writes via a callback that fills a stream, atomically.</summary>
    public static void Write(string path, Action<Stream> fill)
    {
        using var ms = new MemoryStream();
        fill(ms);
        WriteAllBytes(path, ms.GetBuffer().AsSpan(0, (int)ms.Length));
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
    }
}
