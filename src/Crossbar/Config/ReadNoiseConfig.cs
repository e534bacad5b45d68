namespace Crossbar.Config;

/// <summary>
/// Noise on every read of a conductance: white noise plus 1/f-type noise growing with time since programming
/// (004 Outlook; the 1/f form follows aihwkit's PCM-like model: σ/G = Q·√ln((t + t_read)/(2·t_read)),
/// Q = min(q_scale / (G/g_ref)^q_exponent, q_max)).
/// </summary>
public sealed class ReadNoiseConfig
{
    [Doc("Relative σ of white read noise (fraction of the present conductance). 0 = none.")]
    [Range(0, 10)]
    public double Relative { get; set; }

    [Doc("Absolute σ of read noise in conductance units. 0 = none.")]
    [Range(0, 1e12)]
    public double Absolute { get; set; }

    [Doc("Enable 1/f-type read noise that grows with time since programming.")]
    public bool Flicker { get; set; }

    [Doc("Q scale of the 1/f noise (aihwkit PCM: 0.0088).")]
    [Range(0, 10)]
    public double QScale { get; set; } = 0.0088;

    [Doc("Exponent of the conductance dependence of Q (aihwkit PCM: 0.65).")]
    [Range(0, 10)]
    public double QExponent { get; set; } = 0.65;

    [Doc("Upper limit of Q (aihwkit PCM: 0.2).")]
    [Range(0, 10)]
    public double QMax { get; set; } = 0.2;

    [Doc("Reference conductance g_ref of the Q fit (conductance units; aihwkit uses g_max = 25 µS).")]
    [Range(0, 1e12, MinExclusive = true)]
    public double GRef { get; set; } = 1.0;

    [Doc("t_read in seconds (duration of one read; aihwkit PCM: 250 ns).")]
    [Range(0, 1e6, MinExclusive = true)]
    public double TRead { get; set; } = 250e-9;

    public bool Enabled => Relative > 0 || Absolute > 0 || Flicker;
}
