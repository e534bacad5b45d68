namespace Crossbar.Config;

/// <summary>
/// A parsed, untyped config tree (maps, lists, scalars) that remembers where each value came from,
/// so that errors can name the file and line. Overrides and sweeps edit this tree before it is bound to types.
/// </summary>
public abstract class ConfigNode
{
    protected ConfigNode(string source, int line)
    {
        Source = source;
        Line = line;
    }

    /// <summary>File name, or "--set" for command-line overrides.</summary>
    public string Source { get; }

    /// <summary>1-based line in <see cref="Source"/>, 0 when unknown.</summary>
    public int Line { get; }

    public string Where => Line > 0 ? $"{Source}:{Line}" : Source;

    public abstract ConfigNode Clone();
}

/// <summary>A mapping of keys to nodes; keeps the order the keys were written in.</summary>
public sealed class ConfigMap : ConfigNode
{
    private readonly List<KeyValuePair<string, ConfigNode>> _entries = [];

    public ConfigMap(string source, int line) : base(source, line) { }

    public IReadOnlyList<KeyValuePair<string, ConfigNode>> Entries => _entries;

    public bool TryGet(string key, out ConfigNode node)
    {
        foreach (var e in _entries)
        {
            if (e.Key == key)
            {
                node = e.Value;
                return true;
            }
        }
        node = null!;
        return false;
    }

    public void Set(string key, ConfigNode value)
    {
        for (int i = 0; i < _entries.Count; i++)
        {
            if (_entries[i].Key == key)
            {
                _entries[i] = new(key, value);
                return;
            }
        }
        _entries.Add(new(key, value));
    }

    public bool Remove(string key) => _entries.RemoveAll(e => e.Key == key) > 0;

    public override ConfigNode Clone()
    {
        var m = new ConfigMap(Source, Line);
        foreach (var e in _entries)
        {
            m._entries.Add(new(e.Key, e.Value.Clone()));
        }
        return m;
    }
}

/// <summary>A sequence of nodes.</summary>
public sealed class ConfigList : ConfigNode
{
    public ConfigList(string source, int line, IEnumerable<ConfigNode> items) : base(source, line) => Items = [.. items];

    public List<ConfigNode> Items { get; }

    public override ConfigNode Clone() => new ConfigList(Source, Line, Items.Select(i => i.Clone()));
}

/// <summary>A single value kept as its text; <see cref="IsNull"/> for YAML's null (<c>~</c>, <c>null</c>, empty).</summary>
public sealed class ConfigScalar : ConfigNode
{
    public ConfigScalar(string source, int line, string? value) : base(source, line) => Value = value;

    public string? Value { get; }

    public bool IsNull => Value is null;

    public override ConfigNode Clone() => new ConfigScalar(Source, Line, Value);
}
