namespace Crossbar.Config;

public enum DriftReference
{
    /// <summary>The drift clock restarts at every programming pulse (inference-style, 004).</summary>
    Programming,

    /// <summary>The drift clock restarts only at RESET; partial SET pulses shift the drifting state (001 §II).</summary>
    Reset,
}

/// <summary>PCM conductance drift G(t) = G(t₀)·(t/t₀)^(−ν), t measured from the reference event (001 §II, Figs. 9–10).</summary>
public sealed class DriftConfig
{
    [Doc("Mean drift coefficient ν (001: ~0.1 fully amorphous RESET, ~0.005–0.01 SET states; aihwkit PCM: 0.049–0.1). 0 = no drift.")]
    [Range(0, 2)]
    public double Nu { get; set; }

    [Doc("Device-to-device σ of ν (absolute); each device draws ν ~ N(nu, nu_std) once, clipped at 0.")]
    [Range(0, 2)]
    public double NuStd { get; set; }

    [Doc("t₀ in seconds of simulated time: no drift before t₀ after the reference event.")]
    [Range(0, 1e18, MinExclusive = true)]
    public double T0 { get; set; } = 1.0;

    [Doc("Event that restarts the drift clock: programming (every pulse) or reset (001 §II: partial SETs only shift the state).")]
    public DriftReference From { get; set; } = DriftReference.Programming;

    public bool Enabled => Nu > 0 || NuStd > 0;
}
