namespace Crossbar.Config;

/// <summary>Allowed numeric range of a config value (inclusive unless marked exclusive).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RangeAttribute(double min, double max) : Attribute
{
    public double Min { get; } = min;
    public double Max { get; } = max;
    public bool MinExclusive { get; init; }
    public bool MaxExclusive { get; init; }

    public bool Contains(double v) =>
        (MinExclusive ? v > Min : v >= Min) && (MaxExclusive ? v < Max : v <= Max) && !double.IsNaN(v);

    public string Describe()
    {
        string lo = double.IsNegativeInfinity(Min) ? "" : (MinExclusive ? $"> {Fmt(Min)}" : $">= {Fmt(Min)}");
        string hi = double.IsPositiveInfinity(Max) ? "" : (MaxExclusive ? $"< {Fmt(Max)}" : $"<= {Fmt(Max)}");
        return lo.Length > 0 && hi.Length > 0 ? $"{lo} and {hi}" : lo + hi;
    }

    private static string Fmt(double v) => v.ToString("G10", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Overrides the key name derived from the property name (PascalCase becomes snake_case).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class KeyAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>One-line explanation of a key, shown by <c>crossbar config --describe</c>.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class)]
public sealed class DocAttribute(string text) : Attribute
{
    public string Text { get; } = text;
}

/// <summary>
/// Marks an abstract config class whose concrete type is chosen by a discriminator key
/// (e.g. <c>device: {model: exponential, ...}</c>). Each variant class carries <see cref="VariantAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class VariantsAttribute(string discriminator, params Type[] types) : Attribute
{
    public string Discriminator { get; } = discriminator;
    public Type[] Types { get; } = types;
}

/// <summary>The discriminator value that selects this config class.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class VariantAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>Cross-field checks a config section runs after binding (e.g. g_min &lt; g_max).</summary>
public interface IValidatedConfig
{
    /// <summary>Yields (key relative to this section, problem) pairs; empty when valid.</summary>
    IEnumerable<(string Key, string Problem)> Validate();
}

/// <summary>
/// A section that remembers where it was written ("file:line: key path"), so errors found after binding (a module
/// that cannot take its input's shape) still point at the line.
/// </summary>
public interface ILocatedConfig
{
    void Locate(string where);
}

/// <summary>
/// A nullable section the resolved config leaves out while it is null, so that adding an optional section does not
/// change the resolved YAML (and the sweep config hashes) of every existing experiment.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OmitWhenNullAttribute : Attribute;

/// <summary>
/// A key the resolved config leaves out while it holds its default (the value a new section has), so that adding
/// options keeps the resolved YAML, and the sweep config hashes, of every existing experiment unchanged.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OmitWhenDefaultAttribute : Attribute;
