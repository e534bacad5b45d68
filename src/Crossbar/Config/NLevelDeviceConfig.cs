namespace Crossbar.Config;

/// <summary>N-level unidirectional device with Gaussian programming noise (003 §III, Fig. 2).</summary>
[Variant("n_level")]
[Doc("003 §III: linear unidirectional device, on/off ratio, N levels of spacing B, programming noise σ = sigma·B.")]
public sealed class NLevelDeviceConfig : DeviceConfig
{
    [Doc("Highest conductance (conductance units).")]
    [Range(0, 1e12, MinExclusive = true)]
    public double GMax { get; set; } = 1.0;

    [Doc("On/off ratio g_max / g_min (003: 15).")]
    [Range(1, 1e12, MinExclusive = true)]
    public double OnOffRatio { get; set; } = 15.0;

    [Doc("Number of conductance levels from g_min to g_max (003: 32); spacing B = (g_max − g_min)/(levels − 1).")]
    [Range(2, 1 << 24)]
    public int Levels { get; set; } = 32;

    [Doc("Programming noise σ as a fraction of the level spacing B (003 Fig. 4: 0.1–0.5).")]
    [Range(0, 100)]
    public double Sigma { get; set; } = 0.1;

    [Doc("A RESET pulse resets fully to g_min (unidirectional device, 003); false = one level down.")]
    public bool AbruptReset { get; set; } = true;

    [Doc("One noise draw per programming event of n coincident pulses (003 Fig. 2) instead of one per pulse.")]
    public bool NoisePerEvent { get; set; } = true;

    public double GMin => GMax / OnOffRatio;

    public double LevelSpacing => (GMax - GMin) / (Levels - 1);
}
