namespace Crossbar.Config;

/// <summary>Applies <c>key.path=value</c> overrides (from <c>--set</c> or a sweep point) to a config tree.</summary>
public static class ConfigOverrides
{
    public const string Source = "--set";

    /// <summary>Parses "a.b=value"; the value is read as YAML, so lists and mappings work too.</summary>
    public static (string Path, ConfigNode Value) Parse(string assignment)
    {
        int eq = assignment.IndexOf('=');
        if (eq <= 0)
        {
            throw new ConfigException(Source, assignment, "expected key=value, e.g. training.learning_rate=0.01");
        }
        string path = assignment[..eq].Trim();
        return (path, ConfigParser.ParseValue(assignment[(eq + 1)..], Source));
    }

    public static void Apply(ConfigMap root, string assignment)
    {
        var (path, value) = Parse(assignment);
        Set(root, path, value);
    }

    /// <summary>Sets a dotted path, creating intermediate mappings that do not exist yet.</summary>
    public static void Set(ConfigMap root, string path, ConfigNode value)
    {
        var parts = path.Split('.');
        if (parts.Any(p => p.Length == 0))
        {
            throw new ConfigException(Source, path, "is not a valid key path (use section.key)");
        }
        var map = root;
        for (int i = 0; i < parts.Length - 1; i++)
        {
            if (!map.TryGet(parts[i], out var child))
            {
                child = new ConfigMap(Source, 0);
                map.Set(parts[i], child);
            }
            map = child as ConfigMap
                ?? throw new ConfigException(Source, string.Join('.', parts[..(i + 1)]), "is a value, not a section; cannot set keys below it");
        }
        map.Set(parts[^1], value);
    }

    /// <summary>Reads a dotted path, or null when absent.</summary>
    public static ConfigNode? Get(ConfigMap root, string path)
    {
        ConfigNode node = root;
        foreach (var part in path.Split('.'))
        {
            if (node is not ConfigMap m || !m.TryGet(part, out node))
            {
                return null;
            }
        }
        return node;
    }
}
