namespace Crossbar.Config;

/// <summary>Reads an experiment file, applies overrides, binds and validates it.</summary>
public static class ExperimentLoader
{
    public static (ExperimentConfig Config, ConfigMap Tree) Load(string path, IEnumerable<string>? overrides = null)
    {
        var tree = ConfigParser.ParseFile(path);
        foreach (var o in overrides ?? [])
        {
            ConfigOverrides.Apply(tree, o);
        }
        return (ConfigBinder.Bind<ExperimentConfig>(tree), tree);
    }

    public static ExperimentConfig FromText(string yaml, string source = "<text>", IEnumerable<string>? overrides = null)
    {
        var tree = ConfigParser.ParseText(yaml, source);
        foreach (var o in overrides ?? [])
        {
            ConfigOverrides.Apply(tree, o);
        }
        return ConfigBinder.Bind<ExperimentConfig>(tree);
    }
}
