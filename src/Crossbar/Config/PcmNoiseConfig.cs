namespace Crossbar.Config;

/// <summary>
/// PCM-like inference noise: programming noise, conductance-dependent drift and accumulated 1/f read noise. Defaults
/// are aihwkit's PCMLikeNoiseModel (src/aihwkit/inference/noise/pcm.py, after Nandakumar et al., ICECS 2019), so
/// results can be compared with it; 004 (Fig. 4, Outlook) describes the same effects qualitatively.
/// </summary>
public sealed class PcmNoiseConfig : IValidatedConfig
{
    [Doc("Programming-noise σ polynomial c0 + c1·(g/g_max) + c2·(g/g_max)² in µS at g_max = 25 µS (aihwkit: [0.26348, 1.9650, -1.1731]).")]
    public List<double> ProgCoeff { get; set; } = [0.26348, 1.9650, -1.1731];

    [Doc("g_max (µS) the prog_coeff were fitted at; σ scales by mapping.g_max / this (aihwkit: 25).")]
    [Range(0, 1e12, MinExclusive = true)]
    public double ProgCoeffGMax { get; set; } = 25.0;

    [Doc("t₀ in seconds: first read after programming; inference time t counts from there, drift is ((t + t₀)/t₀)^(−ν) (aihwkit: 20).")]
    [Range(0, 1e12, MinExclusive = true)]
    public double T0 { get; set; } = 20.0;

    [Doc("t_read in seconds of the 1/f noise fit (aihwkit: 250 ns).")]
    [Range(0, 1e6, MinExclusive = true)]
    public double TRead { get; set; } = 250e-9;

    [Doc("Scale of the programming noise (aihwkit prog_noise_scale).")]
    [Range(0, 100)]
    public double ProgNoiseScale { get; set; } = 1.0;

    [Doc("Scale of the accumulated 1/f read noise (aihwkit read_noise_scale).")]
    [Range(0, 100)]
    public double ReadNoiseScale { get; set; } = 1.0;

    [Doc("Scale of the drift exponent ν (aihwkit drift_scale).")]
    [Range(0, 100)]
    public double DriftScale { get; set; } = 1.0;

    public IEnumerable<(string Key, string Problem)> Validate()
    {
        if (ProgCoeff.Count == 0)
        {
            yield return ("prog_coeff", "needs at least one coefficient (the constant term)");
        }
    }
}
