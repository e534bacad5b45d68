namespace Crossbar.Config;

/// <summary>
/// Exponential nonlinear device of 002 Eqs. 1–2 (after Querlioz 2013). Give either the nonlinearity β and dynamic
/// range n_max (002 Fig. 6; α follows so that n_max pulses go exactly from g_min to g_max) or α/β per direction.
/// </summary>
[Variant("exponential")]
[Doc("002 Eqs. 1–2: ΔG = α·exp(−β·(G − Gmin)/(Gmax − Gmin)) for SET, mirrored for RESET.")]
public sealed class ExponentialDeviceConfig : DeviceConfig
{
    [Range(-1e12, 1e12)]
    public double GMin { get; set; }

    [Range(-1e12, 1e12)]
    public double GMax { get; set; } = 1.0;

    [Doc("Nonlinearity β of 002 Fig. 6 (0 = linear); default for beta_p and beta_d.")]
    [Range(0, 50)]
    public double Nonlinearity { get; set; } = 2.0;

    [Doc("Dynamic range n_max: pulses from g_min to g_max (002: 32, 64, 128); sets α unless alpha_p/alpha_d are given.")]
    [Range(1, 1e9)]
    public int NMax { get; set; } = 64;

    [Doc("α_p of Eq. 1 (conductance units); empty = derived from beta_p and n_max.")]
    [Range(0, 1e12, MinExclusive = true)]
    public double? AlphaP { get; set; }

    [Doc("β_p of Eq. 1; empty = nonlinearity.")]
    [Range(0, 50)]
    public double? BetaP { get; set; }

    [Doc("α_d of Eq. 2 (conductance units); empty = derived from beta_d and n_max.")]
    [Range(0, 1e12, MinExclusive = true)]
    public double? AlphaD { get; set; }

    [Doc("β_d of Eq. 2; empty = nonlinearity.")]
    [Range(0, 50)]
    public double? BetaD { get; set; }

    [Doc("Cycle-to-cycle σ of each step, relative to the step (not in 002; 0 = deterministic).")]
    [Range(0, 10)]
    public double StepNoise { get; set; }

    public override IEnumerable<(string Key, string Problem)> Validate() => CheckWindow(GMin, GMax);
}
