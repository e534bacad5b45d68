namespace Crossbar.Config;

/// <summary>A config file (or a --set override) holds a key or value that is not allowed.</summary>
public sealed class ConfigException : CrossbarException
{
    public ConfigException(string source, string key, string problem)
        : base(string.IsNullOrEmpty(key) ? $"{source}: {problem}" : $"{source}: {key}: {problem}")
    {
        Source = source;
        Key = key;
        Problem = problem;
    }

    /// <summary>The file (or "--set") the bad value came from.</summary>
    public new string Source { get; }

    /// <summary>Dotted path of the offending key, e.g. <c>training.learning_rate</c>.</summary>
    public string Key { get; }

    public string Problem { get; }
}
