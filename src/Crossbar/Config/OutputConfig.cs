namespace Crossbar.Config;

/// <summary>Where results go and what is written.</summary>
public sealed class OutputConfig
{
    [Doc("Output folder; empty = runs/<name>. --out overrides it.")]
    public string? Dir { get; set; }

    [Doc("Write plots (SVG, and PNG where rsvg-convert exists).")]
    public bool Plots { get; set; } = true;

    [Doc("Save the trained network to model.cbm in the output folder.")]
    public bool SaveModel { get; set; } = true;
}
