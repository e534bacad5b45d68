namespace Crossbar.Config;

/// <summary>Software-equivalent reference: continuous conductance, exact steps, optionally bounded.</summary>
[Variant("ideal")]
[Doc("Continuous conductance with exact, noise-free steps; the software-equivalent reference.")]
public sealed class IdealDeviceConfig : DeviceConfig
{
    [Doc("Lower conductance bound (used when bounded).")]
    [Range(-1e12, 1e12)]
    public double GMin { get; set; }

    [Doc("Upper conductance bound (used when bounded).")]
    [Range(-1e12, 1e12)]
    public double GMax { get; set; } = 1.0;

    [Doc("Clip conductances to [g_min, g_max].")]
    public bool Bounded { get; set; } = true;

    [Doc("Conductance change of one pulse (SET adds, RESET subtracts).")]
    [Range(0, 1e12, MinExclusive = true)]
    public double Step { get; set; } = 0.001;

    [Doc("Conductance after a full RESET / initialisation; empty = g_min.")]
    [Range(-1e12, 1e12)]
    public double? InitialG { get; set; }

    public override IEnumerable<(string Key, string Problem)> Validate() => CheckWindow(GMin, GMax);
}
