using System.CommandLine;

namespace Crossbar.Cli;

/// <summary>Options every command that writes results shares.</summary>
public static class CommonOptions
{
    public static Option<string[]> Set() => new("--set")
    {
        Description = "Override a config value, e.g. --set training.learning_rate=0.01 (repeatable; values are YAML).",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
        DefaultValueFactory = _ => [],
    };

    public static Option<string?> Out() => new("--out")
    {
        Description = "Output folder (default: output.dir of the file, or runs/<name>).",
    };

    public static Option<string?> Data() => new("--data")
    {
        Description = "Folder holding the dataset's IDX files (default: $CROSSBAR_DATA, then ../shared/data/<dataset>, ./data/<dataset>).",
    };

    public static Option<bool> Quiet() => new("--quiet", "-q")
    {
        Description = "Print only the final summary.",
    };
}
