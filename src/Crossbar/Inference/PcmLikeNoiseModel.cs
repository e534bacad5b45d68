using Crossbar.Config;
using Crossbar.Numerics;

namespace Crossbar.Inference;

/// <summary>
/// PCM-like inference noise as in aihwkit's PCMLikeNoiseModel (src/aihwkit/inference/noise/pcm.py; Nandakumar et al.,
/// ICECS 2019; effects of 004 Fig. 4 and Outlook). With g_t the target and g_p the programmed conductance (µS):
/// <list type="bullet">
/// <item>programming: g_p = max(0, g_t + s_p·σ_p), σ_p = (Σ c_i·(g_t/g_max)^i)·g_max/g_ref;</item>
/// <item>drift: ν = |μ_ν + σ_ν·ξ|·s_d with μ_ν = clamp(−0.0155·ln(g_t/g_max) + 0.0244, 0.049, 0.1) and
/// σ_ν = clamp(−0.0125·ln(g_t/g_max) − 0.0059, 0.008, 0.045); G(t) = g_p·((t + t₀)/t₀)^(−ν);</item>
/// <item>1/f read noise accumulated since programming: G(t)·(1 + s_r·Q·√ln((t + t₀ + t_read)/(2·t_read))·ξ) with
/// Q = min(0.0088/max((g_p/g_max)^0.65, 10⁻³), 0.2), clipped at 0.</item>
/// </list>
/// </summary>
public sealed class PcmLikeNoiseModel(PcmNoiseConfig config, double gMax)
{
    private const double ZeroClip = 1e-7;

    public PcmNoiseConfig Config { get; } = config;

    /// <summary>The conductance the largest |w| maps to (µS).</summary>
    public double GMax { get; } = gMax;

    /// <summary>σ of the programming noise at target conductance <paramref name="gTarget"/>.</summary>
    public double ProgrammingSigma(double gTarget)
    {
        double x = gTarget / GMax, power = 1, sigma = 0;
        foreach (double c in Config.ProgCoeff)
        {
            sigma += c * power;
            power *= x;
        }
        return sigma * GMax / Config.ProgCoeffGMax;
    }

    /// <summary>Programmed conductance: target plus programming noise, never negative.</summary>
    public double Program(double gTarget, ref CounterRng rng) =>
        Math.Max(0.0, gTarget + Config.ProgNoiseScale * ProgrammingSigma(gTarget) * rng.NextGaussian());

    /// <summary>Mean drift exponent μ_ν at a target conductance.</summary>
    public double DriftMean(double gTarget) => Math.Clamp(-0.0155 * Math.Log(Relative(gTarget)) + 0.0244, 0.049, 0.1);

    /// <summary>Device-to-device spread σ_ν of the drift exponent at a target conductance.</summary>
    public double DriftStd(double gTarget) => Math.Clamp(-0.0125 * Math.Log(Relative(gTarget)) - 0.0059, 0.008, 0.045);

    /// <summary>A device's drift exponent ν drawn for its target conductance.</summary>
    public double SampleNu(double gTarget, ref CounterRng rng) =>
        Math.Abs(DriftMean(gTarget) + DriftStd(gTarget) * rng.NextGaussian()) * Config.DriftScale;

    /// <summary>Q of the 1/f noise for a programmed conductance.</summary>
    public double FlickerQ(double gProgrammed) =>
        Math.Min(0.0088 / Math.Max(Math.Pow(Math.Abs(gProgrammed) / GMax, 0.65), 1e-3), 0.2);

    /// <summary>Relative σ of the accumulated 1/f noise at <paramref name="tInference"/> seconds after t₀.</summary>
    public double ReadNoiseRelative(double gProgrammed, double tInference)
    {
        double t = tInference + Config.T0;
        double ratio = (t + Config.TRead) / (2 * Config.TRead);
        return ratio <= 1 ? 0.0 : Config.ReadNoiseScale * FlickerQ(gProgrammed) * Math.Sqrt(Math.Log(ratio));
    }

    /// <summary>Drift factor ((t + t₀)/t₀)^(−ν).</summary>
    public double DriftFactor(double nu, double tInference) => Math.Pow((tInference + Config.T0) / Config.T0, -nu);

    private double Relative(double g) => Math.Max(Math.Abs(g / GMax), ZeroClip);
}
