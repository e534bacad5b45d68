using System.Security.Cryptography;
using System.Text;

namespace Crossbar.Sweeps;

/// <summary>
/// Stable names of sweep points. The hash covers the assignments (sorted by key, so reordering the grid keeps ids) and
/// the seed, and nothing else: adding values to a grid keeps the ids, and so the results, of the points already run.
/// The id is a readable slug plus that hash: <c>learning_rate=0.01_seed=2-3fa9c1d2e4</c>.
/// </summary>
public static class PointIdentity
{
    public const int HashChars = 10;
    private const int MaxSlug = 60;

    public static string Hash(IEnumerable<SweepAssignment> assignments, ulong? seed) =>
        Hash(assignments.Select(a => (a.Key, a.Flow)), seed);

    /// <summary>The hash from keys and values as flow YAML (what point markers store).</summary>
    public static string Hash(IEnumerable<(string Key, string Flow)> assignments, ulong? seed)
    {
        var sb = new StringBuilder();
        foreach (var (key, flow) in assignments.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            sb.Append(key).Append('=').Append(flow).Append('\n');
        }
        if (seed is { } s)
        {
            sb.Append("seed=").Append(s).Append('\n');
        }
        return HexPrefix(sb.ToString(), HashChars);
    }

    public static string Slug(IEnumerable<SweepAssignment> assignments, ulong seed)
    {
        var parts = assignments.Select(a => $"{a.Key[(a.Key.LastIndexOf('.') + 1)..]}={a.Compact}").Append($"seed={seed}");
        var slug = new StringBuilder();
        foreach (char c in string.Join('_', parts))
        {
            slug.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '=' or '+' or '-' or '_' ? c : '_');
        }
        return slug.Length > MaxSlug ? slug.ToString(0, MaxSlug) : slug.ToString();
    }

    public static string Id(IReadOnlyList<SweepAssignment> assignments, ulong seed) =>
        $"{Slug(assignments, seed)}-{Hash(assignments, seed)}";

    /// <summary>First <paramref name="chars"/> hex digits of the SHA-256 of <paramref name="text"/> (UTF-8).</summary>
    public static string HexPrefix(string text, int chars) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..chars];
}
