namespace Crossbar.Config;

/// <summary>
/// On-chip vs off-chip learning against device-to-device variation σ (002 §3.2, Fig. 14): off-chip trains in float
/// and transfers to an array whose devices carry X ~ N(1, σ); on-chip trains on that array itself.
/// </summary>
public sealed class VariationStudyConfig : IValidatedConfig
{
    [Doc("Device-to-device σ values (device.variation) to evaluate (002 Fig. 14: 0, 0.5, 1).")]
    public List<double> Sigmas { get; set; } = [0, 0.5, 1];

    [Doc("Also train on the varied array itself (needs the device-aware training rules).")]
    public bool OnChip { get; set; } = true;

    public IEnumerable<(string Key, string Problem)> Validate()
    {
        if (Sigmas.Count == 0)
        {
            yield return ("sigmas", "needs at least one σ");
        }
        foreach (var s in Sigmas)
        {
            if (!(s >= 0 && s <= 10))
            {
                yield return ("sigmas", $"each σ must be in [0, 10], got {s}");
            }
        }
    }
}
