using Crossbar.Config;

namespace Crossbar.Inference;

/// <summary>Deep copies of an experiment config (through its YAML form), optionally with overrides.</summary>
public static class ConfigCopy
{
    public static ExperimentConfig Of(ExperimentConfig config, params string[] overrides) =>
        ExperimentLoader.FromText(ConfigWriter.ToYaml(config), $"{config.Name} (copy)", overrides);
}
