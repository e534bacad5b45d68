using Crossbar.Config;
using Crossbar.Data;

namespace Crossbar.Sweeps;

/// <summary>
/// Loaded data shared by the points of a sweep in one process: points with equal data sections, data folder and seed
/// get the same <see cref="DataSplit"/>, loaded once even when several threads ask at the same time. Holds at most
/// <see cref="Capacity"/> splits (least recently used goes first) so a sweep over many seeds does not keep them all.
/// Runs must treat the split as read-only.
/// </summary>
public sealed class DatasetCache
{
    public delegate DataSplit Loader(DataConfig config, string? folder, ulong seed);

    private readonly Loader _load;
    private readonly Dictionary<string, Lazy<DataSplit>> _entries = [];
    private readonly LinkedList<string> _recent = [];
    private readonly Lock _lock = new();
    private int _loads;

    public DatasetCache(Loader? load = null, int capacity = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _load = load ?? DatasetLoader.Load;
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>How many times the loader actually ran (tests, diagnostics).</summary>
    public int Loads => _loads;

    public DataSplit Load(DataConfig config, string? folder, ulong seed)
    {
        string key = $"{ConfigWriter.ToYaml(config)}\nfolder: {folder}\nseed: {seed}";
        Lazy<DataSplit> entry;
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new Lazy<DataSplit>(() =>
                {
                    Interlocked.Increment(ref _loads);
                    return _load(config, folder, seed);
                }, LazyThreadSafetyMode.ExecutionAndPublication);
                _entries[key] = entry;
            }
            _recent.Remove(key);
            _recent.AddFirst(key);
            while (_recent.Count > Capacity)
            {
                _entries.Remove(_recent.Last!.Value);
                _recent.RemoveLast();
            }
        }
        try
        {
            return entry.Value;
        }
        catch
        {
            // A failed load (missing files) is not cached: the next point may try again after the user fixes it.
            lock (_lock)
            {
                if (_entries.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
                {
                    _entries.Remove(key);
                    _recent.Remove(key);
                }
            }
            throw;
        }
    }
}
