using System.Reflection;
using System.Text;

namespace Crossbar.Config;

/// <summary>Maps C# names to config keys: <c>LearningRate</c> → <c>learning_rate</c>.</summary>
public static class ConfigNaming
{
    public static string ToSnake(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                bool prevLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                bool acronymEnd = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if (prevLowerOrDigit || acronymEnd)
                {
                    sb.Append('_');
                }
                sb.Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    public static string KeyOf(PropertyInfo p) => p.GetCustomAttribute<KeyAttribute>()?.Name ?? ToSnake(p.Name);

    public static string EnumName(Enum value) =>
        value.GetType().GetField(value.ToString())?.GetCustomAttribute<KeyAttribute>()?.Name ?? ToSnake(value.ToString());

    public static IEnumerable<PropertyInfo> ConfigProperties(Type t) =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
         .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0);
}
