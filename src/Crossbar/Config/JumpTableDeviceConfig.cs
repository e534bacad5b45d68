namespace Crossbar.Config;

/// <summary>Jump-table device (001 §I.C, Fig. 8): per conductance bin, the CDF of ΔG for SET and for RESET.</summary>
[Variant("jump_table")]
[Doc("001 §I.C: ΔG sampled from a per-conductance CDF (jump table) for SET and RESET.")]
public sealed class JumpTableDeviceConfig : DeviceConfig
{
    [Doc("builtin:pcm, builtin:pcmo, or a CSV file (columns direction,g,dg,cdf; path relative to the experiment file).")]
    public string Table { get; set; } = "builtin:pcm";

    [Doc("Points of the precomputed inverse CDF per bin (sampling is O(1) with linear interpolation between them).")]
    [Range(16, 65536)]
    public int Quantiles { get; set; } = 1024;

    [Doc("Conductance after a full RESET; empty = lower edge of the table.")]
    [Range(-1e12, 1e12)]
    public double? InitialG { get; set; }

    public override IEnumerable<(string Key, string Problem)> Validate()
    {
        if (string.IsNullOrWhiteSpace(Table))
        {
            yield return ("table", "must name builtin:pcm, builtin:pcmo or a CSV file");
        }
    }
}
