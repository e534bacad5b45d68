using System.Globalization;

namespace Crossbar.Sweeps;

/// <summary>
/// Part <see cref="Index"/> (1-based) of <see cref="Count"/> disjoint parts of a sweep, as in <c>--shard 2/3</c>:
/// point i belongs to part (i mod n) + 1, so parts are balanced and fixed by the sweep alone.
/// </summary>
public readonly record struct ShardSpec(int Index, int Count)
{
    public static readonly ShardSpec All = new(1, 1);

    public bool Contains(int pointIndex) => pointIndex % Count == Index - 1;

    public static ShardSpec Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n))
        {
            throw new CrossbarException($"--shard '{text}': expected i/n with whole numbers, e.g. --shard 2/3");
        }
        if (n < 1 || i < 1 || i > n)
        {
            throw new CrossbarException($"--shard '{text}': i must be between 1 and n (n >= 1), e.g. --shard 1/{Math.Max(n, 1)}");
        }
        return new ShardSpec(i, n);
    }

    public override string ToString() => $"{Index}/{Count}";
}
