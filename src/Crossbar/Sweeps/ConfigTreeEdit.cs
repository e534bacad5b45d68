using Crossbar.Config;

namespace Crossbar.Sweeps;

/// <summary>Edits of config trees that sweeps need beyond <see cref="ConfigOverrides"/>: merging and located assignment.</summary>
public static class ConfigTreeEdit
{
    /// <summary>
    /// Merges <paramref name="over"/> into <paramref name="target"/>: mappings merge key by key, recursively; lists and
    /// values replace. This is what "an inline experiment over a base file" means.
    /// </summary>
    public static void Merge(ConfigMap target, ConfigMap over)
    {
        foreach (var (key, value) in over.Entries)
        {
            if (value is ConfigMap overMap && target.TryGet(key, out var existing) && existing is ConfigMap targetMap)
            {
                Merge(targetMap, overMap);
            }
            else
            {
                target.Set(key, value.Clone());
            }
        }
    }

    /// <summary>
    /// Sets a dotted key like <see cref="ConfigOverrides.Set"/>, but sections it has to create carry the location of
    /// <paramref name="origin"/>, so a misspelt section in a sweep grid is reported at its line in the sweep file.
    /// </summary>
    public static void Set(ConfigMap root, string path, ConfigNode value, ConfigNode origin)
    {
        var parts = path.Split('.');
        var map = root;
        for (int i = 0; i < parts.Length - 1; i++)
        {
            if (!map.TryGet(parts[i], out var child))
            {
                child = new ConfigMap(origin.Source, origin.Line);
                map.Set(parts[i], child);
            }
            map = child as ConfigMap
                ?? throw new ConfigException(origin.Where, string.Join('.', parts[..(i + 1)]), "is a value, not a section; cannot set keys below it");
        }
        map.Set(parts[^1], value.Clone());
    }
}
