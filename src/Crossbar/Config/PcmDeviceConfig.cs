namespace Crossbar.Config;

/// <summary>
/// PCM accumulative model (004 Fig. 3): each SET pulse adds ΔG ~ N(μ(G), σ(G)) with μ and σ linear in G
/// (mean shrinking, spread as in 004 Fig. 3(b)); RESET melts the cell back to g_reset. A programming curve
/// (004 Fig. 2(a)) gives G after a programming pulse of current I, used by iterative program-and-verify (Fig. 2(b)).
/// Defaults are in µS and chosen to resemble 004 Fig. 3 (≈ 20 pulses to saturate, not measured values).
/// </summary>
[Variant("pcm")]
[Doc("004 Figs. 2–3: stochastic nonlinear accumulative SET, abrupt RESET, programming curve and program-and-verify.")]
public sealed class PcmDeviceConfig : DeviceConfig
{
    [Doc("Lowest conductance (µS).")]
    [Range(0, 1e12)]
    public double GMin { get; set; }

    [Doc("Highest conductance (µS).")]
    [Range(0, 1e12)]
    public double GMax { get; set; } = 25.0;

    [Doc("Mean ΔG of a SET pulse at G = 0 (µS): μ(G) = mu0 + mu_slope·G.")]
    [Range(-1e12, 1e12)]
    public double Mu0 { get; set; } = 2.0;

    [Doc("Slope of the mean ΔG with G (negative: steps shrink as the cell crystallises).")]
    [Range(-1e3, 1e3)]
    public double MuSlope { get; set; } = -0.09;

    [Doc("σ of ΔG at G = 0 (µS): σ(G) = max(0, sigma0 + sigma_slope·G).")]
    [Range(0, 1e12)]
    public double Sigma0 { get; set; } = 1.0;

    [Doc("Slope of σ(ΔG) with G.")]
    [Range(-1e3, 1e3)]
    public double SigmaSlope { get; set; } = -0.02;

    [Doc("Mean conductance after RESET (µS).")]
    [Range(0, 1e12)]
    public double GReset { get; set; } = 0.1;

    [Doc("σ of the conductance after RESET (µS).")]
    [Range(0, 1e12)]
    public double GResetStd { get; set; } = 0.05;

    [Doc("Programming curve: conductance reached with zero programming current (fully SET, µS).")]
    [Range(0, 1e12)]
    public double CurveGHigh { get; set; } = 22.0;

    [Doc("Programming curve: current (µA) at which the mean conductance is halfway between g_reset and curve_g_high.")]
    [Range(0, 1e6)]
    public double CurveIMid { get; set; } = 250.0;

    [Doc("Programming curve: width (µA) of the logistic transition.")]
    [Range(0, 1e6, MinExclusive = true)]
    public double CurveIWidth { get; set; } = 40.0;

    [Doc("Programming curve: relative σ of the conductance reached by one programming pulse.")]
    [Range(0, 10)]
    public double CurveStd { get; set; } = 0.03;

    public override IEnumerable<(string Key, string Problem)> Validate()
    {
        foreach (var p in CheckWindow(GMin, GMax))
        {
            yield return p;
        }
        if (GReset < GMin || GReset > GMax)
        {
            yield return ("g_reset", $"must lie within [g_min, g_max] = [{GMin}, {GMax}], got {GReset}");
        }
    }
}
