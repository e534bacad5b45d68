using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Crossbar.Config;

/// <summary>
/// Reads experiment files. The format is YAML: it allows comments, reads well when edited by hand,
/// and writes lists (sweep grids, layer sizes) naturally.
/// </summary>
public static class ConfigParser
{
    /// <summary>Parses a YAML file into a config tree; a file that is not a mapping is an error naming it.</summary>
    public static ConfigMap ParseFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new ConfigException(path, "", "file not found");
        }
        return ParseText(File.ReadAllText(path), path);
    }

    public static ConfigMap ParseText(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ConfigException($"{source}:{e.Start.Line}", "", $"not valid YAML: {InnerMost(e).Message}");
        }
        if (stream.Documents.Count == 0)
        {
            return new ConfigMap(source, 1);
        }
        if (stream.Documents.Count > 1)
        {
            throw new ConfigException(source, "", "holds several YAML documents; an experiment file holds one");
        }
        var root = Convert(stream.Documents[0].RootNode, source);
        if (root is ConfigScalar { IsNull: true })
        {
            return new ConfigMap(source, 1);
        }
        return root as ConfigMap
            ?? throw new ConfigException(source, "", "the top level must be a mapping of sections (data:, network:, training:, ...)");
    }

    /// <summary>Parses one value given on the command line (<c>0.01</c>, <c>[784, 200, 10]</c>, <c>{kind: tanh}</c>).</summary>
    public static ConfigNode ParseValue(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new ConfigException(source, "", $"value '{text}' is not valid YAML: {InnerMost(e).Message}");
        }
        if (stream.Documents.Count == 0)
        {
            return new ConfigScalar(source, 0, null);
        }
        return Convert(stream.Documents[0].RootNode, source, lineKnown: false);
    }

    private static Exception InnerMost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }
        return e;
    }

    private static ConfigNode Convert(YamlNode node, string source, bool lineKnown = true)
    {
        int line = lineKnown ? (int)node.Start.Line : 0;
        switch (node)
        {
            case YamlMappingNode map:
                var m = new ConfigMap(source, line);
                foreach (var (k, v) in map.Children)
                {
                    if (k is not YamlScalarNode { Value: { } key })
                    {
                        throw new ConfigException($"{source}:{k.Start.Line}", "", "mapping keys must be plain names");
                    }
                    if (m.TryGet(key, out _))
                    {
                        throw new ConfigException($"{source}:{k.Start.Line}", key, "key appears twice");
                    }
                    m.Set(key, Convert(v, source, lineKnown));
                }
                return m;
            case YamlSequenceNode seq:
                return new ConfigList(source, line, seq.Children.Select(c => Convert(c, source, lineKnown)));
            case YamlScalarNode scalar:
                bool plain = scalar.Style is ScalarStyle.Plain or ScalarStyle.Any;
                string? text = scalar.Value;
                if (plain && (text is null || text.Length == 0 || text == "~" || text == "null" || text == "Null" || text == "NULL"))
                {
                    text = null;
                }
                return new ConfigScalar(source, line, text);
            default:
                throw new ConfigException($"{source}:{line}", "", "unsupported YAML node");
        }
    }
}
