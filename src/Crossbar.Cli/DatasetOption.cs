using System.CommandLine;
using Crossbar.Config;
using Crossbar.Data;

namespace Crossbar.Cli;

/// <summary><c>--dataset mnist|fashion_mnist</c>, spelt as in config files (the folder name and C# name also work).</summary>
public static class DatasetOption
{
    private static readonly string[] Names = Enum.GetValues<DatasetName>().Select(d => ConfigNaming.EnumName(d)).ToArray();

    public static Option<string> Create()
    {
        // A string option (not Option<DatasetName>) so that help shows the config spelling as the default.
        var option = new Option<string>("--dataset")
        {
            Description = $"Which dataset: {string.Join(" or ", Names)} (as data.dataset in a config file).",
            HelpName = string.Join("|", Names),
            DefaultValueFactory = _ => Names[0],
        };
        option.Validators.Add(result =>
        {
            string? token = result.GetValueOrDefault<string>();
            if (token is not null && TryParse(token) is null)
            {
                result.AddError($"--dataset: '{token}' is not known; use one of: {string.Join(", ", Names)}");
            }
        });
        option.CompletionSources.Add(Names);
        return option;
    }

    public static DatasetName Parse(string? token) =>
        TryParse(token ?? Names[0]) ?? throw new CrossbarException($"--dataset: '{token}' is not known; use one of: {string.Join(", ", Names)}");

    private static DatasetName? TryParse(string token)
    {
        foreach (var d in Enum.GetValues<DatasetName>())
        {
            if (string.Equals(token, ConfigNaming.EnumName(d), StringComparison.OrdinalIgnoreCase)
                || string.Equals(token, DatasetLocator.FolderName(d), StringComparison.OrdinalIgnoreCase)
                || string.Equals(token, d.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return d;
            }
        }
        return null;
    }
}
