using System.Security.Cryptography;
using System.Text;

namespace Crossbar.Config;

/// <summary>
/// The resolved configuration as flat <c>key.path = value</c> lines (the YAML <see cref="ConfigWriter"/> writes, so
/// keys new to a build stay out while at their default), less the keys that cannot change a run's numbers: the name,
/// description, data location, output options and thread count. Checkpoints store it to refuse resuming under
/// another configuration and to say which key differs.
/// </summary>
public sealed class ConfigFingerprint
{
    private static readonly string[] Ignored = ["name", "description", "output", "data.path", "training.threads"];

    private ConfigFingerprint(IReadOnlyList<string> lines)
    {
        Lines = lines;
        Text = string.Join('\n', lines);
        Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)))[..16];
    }

    public IReadOnlyList<string> Lines { get; }

    public string Text { get; }

    /// <summary>First 16 hex digits of the SHA-256 of <see cref="Text"/>.</summary>
    public string Hash { get; }

    public static ConfigFingerprint Of(ExperimentConfig config)
    {
        var lines = new List<string>();
        Flatten(ConfigParser.ParseText(ConfigWriter.ToYaml(config), "resolved config"), "", lines);
        return new ConfigFingerprint(lines);
    }

    /// <summary>A fingerprint read back from its <see cref="Text"/>.</summary>
    public static ConfigFingerprint FromText(string text) =>
        new(text.Length == 0 ? [] : text.Split('\n'));

    /// <summary>
    /// The first key whose value differs, as "key is A <paramref name="thisName"/> but B <paramref name="otherName"/>"
    /// (plus how many more differ), or null when both are equal.
    /// </summary>
    public string? Difference(ConfigFingerprint other, string thisName, string otherName)
    {
        var mine = Map(Lines);
        var theirs = Map(other.Lines);
        var keys = mine.Keys.Union(theirs.Keys).Where(k => mine.GetValueOrDefault(k) != theirs.GetValueOrDefault(k)).ToList();
        if (keys.Count == 0)
        {
            return null;
        }
        string k0 = keys[0];
        string more = keys.Count > 1 ? $" ({keys.Count - 1} more key{(keys.Count > 2 ? "s" : "")} differ{(keys.Count > 2 ? "" : "s")})" : "";
        return $"{k0} is {mine.GetValueOrDefault(k0) ?? "absent"} {thisName} but {theirs.GetValueOrDefault(k0) ?? "absent"} {otherName}{more}";
    }

    private static Dictionary<string, string> Map(IEnumerable<string> lines)
    {
        var map = new Dictionary<string, string>();
        foreach (var line in lines)
        {
            int eq = line.IndexOf(" = ", StringComparison.Ordinal);
            map[eq < 0 ? line : line[..eq]] = eq < 0 ? "" : line[(eq + 3)..];
        }
        return map;
    }

    private static void Flatten(ConfigNode node, string path, List<string> lines)
    {
        if (Ignored.Contains(path))
        {
            return;
        }
        switch (node)
        {
            case ConfigMap map:
                foreach (var (key, value) in map.Entries)
                {
                    Flatten(value, path.Length == 0 ? key : $"{path}.{key}", lines);
                }
                break;
            case ConfigList list when list.Items.All(i => i is ConfigScalar):
                lines.Add($"{path} = [{string.Join(", ", list.Items.Select(i => Scalar((ConfigScalar)i)))}]");
                break;
            case ConfigList list:
                for (int i = 0; i < list.Items.Count; i++)
                {
                    Flatten(list.Items[i], $"{path}[{i}]", lines);
                }
                break;
            case ConfigScalar scalar:
                lines.Add($"{path} = {Scalar(scalar)}");
                break;
        }
    }

    private static string Scalar(ConfigScalar s) => (s.Value ?? "null").ReplaceLineEndings("\\n");
}
