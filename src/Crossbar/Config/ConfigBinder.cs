using System.Collections;
using System.Globalization;
using System.Reflection;

namespace Crossbar.Config;

/// <summary>
/// Binds a <see cref="ConfigNode"/> tree onto typed config classes, strictly: an unknown key, a value of the wrong type
/// or out of its <see cref="RangeAttribute"/> is a <see cref="ConfigException"/> naming the file, the dotted key and what
/// is allowed. Keys that are absent keep the class's default, so the bound object is the fully resolved config.
/// </summary>
public static class ConfigBinder
{
    public static T Bind<T>(ConfigMap map, string prefix = "") where T : new() => (T)BindObject(typeof(T), map, prefix);

    public static object BindObject(Type type, ConfigNode node, string path)
    {
        if (node is not ConfigMap map)
        {
            throw Error(node, path, $"must be a mapping of keys ({AllowedKeys(type)})");
        }
        var concrete = ResolveVariant(type, map, path);
        object target = Activator.CreateInstance(concrete)
            ?? throw new InvalidOperationException($"cannot create {concrete}");
        var props = ConfigNaming.ConfigProperties(concrete).ToDictionary(ConfigNaming.KeyOf);
        string? discriminator = type.GetCustomAttribute<VariantsAttribute>()?.Discriminator;
        foreach (var (key, value) in map.Entries)
        {
            string keyPath = Join(path, key);
            if (key == discriminator)
            {
                continue;
            }
            if (!props.TryGetValue(key, out var prop))
            {
                string near = Nearest(key, props.Keys);
                throw Error(value, keyPath,
                    $"unknown key{(near.Length > 0 ? $" (did you mean '{near}'?)" : "")}; allowed keys here: {AllowedKeys(concrete)}");
            }
            object? bound = BindValue(prop.PropertyType, value, keyPath, prop);
            prop.SetValue(target, bound);
        }
        if (target is ILocatedConfig located)
        {
            located.Locate($"{map.Where}: {path}");
        }
        if (target is IValidatedConfig v)
        {
            foreach (var (key, problem) in v.Validate())
            {
                var where = map.TryGet(key.Split('.')[0], out var n) ? n : map;
                throw Error(where, Join(path, key), problem);
            }
        }
        return target;
    }

    public static string AllowedKeys(Type type)
    {
        var variants = type.GetCustomAttribute<VariantsAttribute>();
        if (variants is not null)
        {
            return $"'{variants.Discriminator}' (one of {string.Join(", ", variants.Types.Select(VariantName))}) and that variant's keys";
        }
        return string.Join(", ", ConfigNaming.ConfigProperties(type).Select(ConfigNaming.KeyOf));
    }

    public static string VariantName(Type t) =>
        t.GetCustomAttribute<VariantAttribute>()?.Name ?? ConfigNaming.ToSnake(t.Name);

    private static Type ResolveVariant(Type type, ConfigMap map, string path)
    {
        var variants = type.GetCustomAttribute<VariantsAttribute>(inherit: false);
        if (variants is null)
        {
            return type;
        }
        string allowed = string.Join(", ", variants.Types.Select(VariantName));
        if (!map.TryGet(variants.Discriminator, out var d) || d is not ConfigScalar { Value: { } name })
        {
            throw Error(map, Join(path, variants.Discriminator), $"missing; must be one of: {allowed}");
        }
        return variants.Types.FirstOrDefault(t => VariantName(t) == name)
            ?? throw Error(d, Join(path, variants.Discriminator), $"'{name}' is not known; must be one of: {allowed}");
    }

    private static object? BindValue(Type type, ConfigNode node, string path, PropertyInfo? prop)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (node is ConfigScalar { IsNull: true })
        {
            if (underlying is not null || !type.IsValueType)
            {
                if (prop is not null && !IsNullable(prop))
                {
                    throw Error(node, path, $"must not be empty; expected {Describe(type)}");
                }
                return null;
            }
            throw Error(node, path, $"must not be empty; expected {Describe(type)}");
        }
        type = underlying ?? type;
        if (type == typeof(string))
        {
            return Scalar(node, path, type);
        }
        if (type.IsEnum)
        {
            string s = Scalar(node, path, type);
            foreach (Enum e in Enum.GetValues(type))
            {
                if (ConfigNaming.EnumName(e) == s)
                {
                    return e;
                }
            }
            throw Error(node, path, $"'{s}' is not allowed; must be one of: {EnumChoices(type)}");
        }
        if (type == typeof(bool))
        {
            string s = Scalar(node, path, type);
            return s switch
            {
                "true" or "True" or "TRUE" or "yes" => true,
                "false" or "False" or "FALSE" or "no" => false,
                _ => throw Error(node, path, $"'{s}' is not a boolean; use true or false"),
            };
        }
        if (IsNumeric(type))
        {
            return BindNumber(type, node, path, prop);
        }
        if (type.IsArray || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>)))
        {
            var elem = type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0];
            if (node is not ConfigList list)
            {
                throw Error(node, path, $"must be a list of {Describe(elem)}, e.g. [1, 2, 3]");
            }
            var items = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(elem))!;
            for (int i = 0; i < list.Items.Count; i++)
            {
                items.Add(BindValue(elem, list.Items[i], $"{path}[{i}]", prop));
            }
            if (type.IsArray)
            {
                var arr = Array.CreateInstance(elem, items.Count);
                items.CopyTo(arr, 0);
                return arr;
            }
            return items;
        }
        if (type.IsClass)
        {
            return BindObject(type, node, path);
        }
        throw new InvalidOperationException($"config type {type} of {path} is not supported by the binder");
    }

    private static object BindNumber(Type type, ConfigNode node, string path, PropertyInfo? prop)
    {
        string s = Scalar(node, path, type);
        double d;
        object value;
        if (type == typeof(double) || type == typeof(float))
        {
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out d) || !double.IsFinite(d))
            {
                throw Error(node, path, $"'{s}' is not a finite number");
            }
            value = type == typeof(float) ? (float)d : d;
        }
        else
        {
            if (!decimal.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) || m != decimal.Truncate(m))
            {
                throw Error(node, path, $"'{s}' is not a whole number");
            }
            try
            {
                value = Convert.ChangeType(m, type, CultureInfo.InvariantCulture);
            }
            catch (OverflowException)
            {
                throw Error(node, path, $"'{s}' is out of range for {Describe(type)}");
            }
            d = (double)m;
        }
        var range = prop?.GetCustomAttribute<RangeAttribute>();
        if (range is not null && !range.Contains(d))
        {
            throw Error(node, path, $"{s} is out of range; allowed: {range.Describe()}");
        }
        return value;
    }

    private static string Scalar(ConfigNode node, string path, Type expected) =>
        node is ConfigScalar { Value: { } s } ? s : throw Error(node, path, $"must be a single value ({Describe(expected)})");

    private static bool IsNumeric(Type t) =>
        t == typeof(int) || t == typeof(long) || t == typeof(ulong) || t == typeof(uint) || t == typeof(double) || t == typeof(float);

    private static bool IsNullable(PropertyInfo p) =>
        Nullable.GetUnderlyingType(p.PropertyType) is not null
        || new NullabilityInfoContext().Create(p).WriteState == NullabilityState.Nullable;

    public static string EnumChoices(Type t) =>
        string.Join(", ", Enum.GetValues(t).Cast<Enum>().Select(ConfigNaming.EnumName));

    private static string Describe(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        if (t.IsEnum)
        {
            return $"one of {EnumChoices(t)}";
        }
        if (t == typeof(int) || t == typeof(long) || t == typeof(uint) || t == typeof(ulong))
        {
            return "a whole number";
        }
        if (t == typeof(double) || t == typeof(float))
        {
            return "a number";
        }
        if (t == typeof(bool))
        {
            return "true or false";
        }
        if (t == typeof(string))
        {
            return "text";
        }
        return "a mapping";
    }

    private static string Join(string prefix, string key) => prefix.Length == 0 ? key : $"{prefix}.{key}";

    private static ConfigException Error(ConfigNode node, string path, string problem) => new(node.Where, path, problem);

    /// <summary>The allowed key closest to a misspelt one (edit distance ≤ 3), or "".</summary>
    internal static string Nearest(string key, IEnumerable<string> allowed)
    {
        string best = "";
        int bestD = 4;
        foreach (var a in allowed)
        {
            int d = Levenshtein(key, a);
            if (d < bestD)
            {
                bestD = d;
                best = a;
            }
        }
        return best;
    }

    private static int Levenshtein(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
