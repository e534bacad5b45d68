using System.Text;
using Crossbar.Config;

namespace Crossbar.Sweeps;

/// <summary>
/// Renders config values of sweep assignments as text: <see cref="Flow"/> is YAML that parses back to the same tree
/// (stored in point markers, usable as <c>--set key=value</c>, hashed into point ids); <see cref="Compact"/> is the
/// short form for CSV cells and folder names (<c>[784, 200, 10]</c> becomes <c>784-200-10</c>).
/// </summary>
public static class ConfigValueText
{
    public static string Flow(ConfigNode node)
    {
        var sb = new StringBuilder();
        WriteFlow(sb, node);
        return sb.ToString();
    }

    public static string Compact(ConfigNode node) => node switch
    {
        ConfigScalar s => s.Value ?? "null",
        ConfigList l => string.Join('-', l.Items.Select(i => i is ConfigScalar ? Compact(i) : $"({Compact(i)})")),
        ConfigMap m => string.Join(';', m.Entries.Select(e => $"{e.Key}={Compact(e.Value)}")),
        _ => throw new ArgumentException($"unknown node {node.GetType()}"),
    };

    private static void WriteFlow(StringBuilder sb, ConfigNode node)
    {
        switch (node)
        {
            case ConfigScalar s:
                sb.Append(FlowScalar(s.Value));
                break;
            case ConfigList l:
                sb.Append('[');
                for (int i = 0; i < l.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }
                    WriteFlow(sb, l.Items[i]);
                }
                sb.Append(']');
                break;
            case ConfigMap m:
                sb.Append('{');
                for (int i = 0; i < m.Entries.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }
                    sb.Append(FlowScalar(m.Entries[i].Key)).Append(": ");
                    WriteFlow(sb, m.Entries[i].Value);
                }
                sb.Append('}');
                break;
            default:
                throw new ArgumentException($"unknown node {node.GetType()}");
        }
    }

    /// <summary>Plain when YAML reads it back unchanged, double-quoted otherwise (so "null" stays text).</summary>
    private static string FlowScalar(string? value)
    {
        if (value is null)
        {
            return "null";
        }
        bool plain = value.Length > 0 && value != "-"
            && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '+' or '-' or '/')
            && value is not ("null" or "Null" or "NULL" or "~");
        return plain ? value : "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n")
            .Replace("\r", "\\r").Replace("\t", "\\t") + "\"";
    }
}
