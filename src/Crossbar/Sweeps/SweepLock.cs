namespace Crossbar.Sweeps;

/// <summary>
/// Keeps two processes from running sweeps into one output folder at once (they would clean each other's unfinished
/// points and overwrite each other's results.csv): an exclusive lock on <c>.sweep.lock</c>, released on dispose or
/// when the process dies.
/// </summary>
public sealed class SweepLock : IDisposable
{
    public const string FileName = ".sweep.lock";

    private readonly FileStream _stream;

    private SweepLock(FileStream stream) => _stream = stream;

    public static SweepLock Acquire(string outDir)
    {
        Directory.CreateDirectory(outDir);
        string path = Path.Combine(outDir, FileName);
        try
        {
            return new SweepLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            throw new CrossbarException($"{outDir}: another sweep is writing to this folder; wait for it, or use another --out (shards: one folder each, then crossbar sweep merge)");
        }
    }

    public void Dispose() => _stream.Dispose();
}
