using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;

namespace Crossbar.Config;

/// <summary>
/// Writes a bound config object back as YAML with every key, defaults included, so a run's folder records exactly
/// what ran. The output parses back to an equal object.
/// </summary>
public static class ConfigWriter
{
    public static string ToYaml(object config, string? header = null)
    {
        var sb = new StringBuilder();
        if (header is not null)
        {
            foreach (var line in header.Split('\n'))
            {
                sb.Append("# ").AppendLine(line);
            }
        }
        WriteObject(sb, config, 0, null);
        return sb.ToString();
    }

    /// <summary>Whether the value equals the one a new instance of the section has (lists: both empty).</summary>
    private static bool IsDefault(Type section, PropertyInfo p, object? value)
    {
        object? fallback = p.GetValue(Activator.CreateInstance(section));
        return (value, fallback) switch
        {
            (null, null) => true,
            (null, _) or (_, null) => false,
            (string a, string b) => a == b,
            (IEnumerable a, IEnumerable b) => a.Cast<object?>().SequenceEqual(b.Cast<object?>()),
            _ => IsScalar(value) ? value.Equals(fallback) : ToYaml(value) == ToYaml(fallback),
        };
    }

    private static void WriteObject(StringBuilder sb, object obj, int indent, Type? declared)
    {
        var type = obj.GetType();
        var pad = new string(' ', indent);
        var variantsOf = declared?.GetCustomAttribute<VariantsAttribute>() ?? type.BaseType?.GetCustomAttribute<VariantsAttribute>();
        if (variantsOf is not null)
        {
            sb.Append(pad).Append(variantsOf.Discriminator).Append(": ").AppendLine(ConfigBinder.VariantName(type));
        }
        foreach (var p in ConfigNaming.ConfigProperties(type))
        {
            var key = ConfigNaming.KeyOf(p);
            var value = p.GetValue(obj);
            if (value is null && p.IsDefined(typeof(OmitWhenNullAttribute)))
            {
                continue;
            }
            if (p.IsDefined(typeof(OmitWhenDefaultAttribute)) && IsDefault(type, p, value))
            {
                continue;
            }
            sb.Append(pad).Append(key).Append(':');
            if (value is null)
            {
                sb.AppendLine(" null");
            }
            else if (IsScalar(value))
            {
                sb.Append(' ').AppendLine(Scalar(value));
            }
            else if (value is IEnumerable list && value is not string)
            {
                var items = list.Cast<object?>().ToList();
                if (items.All(i => i is null || IsScalar(i)))
                {
                    sb.Append(" [").Append(string.Join(", ", items.Select(i => i is null ? "null" : Scalar(i)))).AppendLine("]");
                }
                else
                {
                    sb.AppendLine();
                    foreach (var item in items)
                    {
                        sb.Append(pad).AppendLine("  -");
                        WriteObject(sb, item!, indent + 4, null);
                    }
                }
            }
            else
            {
                sb.AppendLine();
                WriteObject(sb, value, indent + 2, p.PropertyType);
            }
        }
    }

    private static bool IsScalar(object v) => v is string || v is bool || v is Enum || v.GetType().IsPrimitive || v is decimal;

    public static string Scalar(object v) => v switch
    {
        string s => Quote(s),
        bool b => b ? "true" : "false",
        Enum e => ConfigNaming.EnumName(e),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString() ?? "",
    };

    private static string Quote(string s)
    {
        bool plain = s.Length > 0 && s.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or '/')
            && !(s is "true" or "false" or "null" or "yes" or "no" or "~") && !double.TryParse(s, CultureInfo.InvariantCulture, out _);
        return plain ? s : "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }
}
