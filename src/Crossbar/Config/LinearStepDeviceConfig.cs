namespace Crossbar.Config;

/// <summary>
/// aihwkit's LinearStep device: the step shrinks linearly towards the bound it moves to,
/// Δw = Δw^d·(1 + γ^d_ij·(w − r^d)) with γ⁺_ij = −|γ_up + γ_up_dtod·ξ| / (w_max − r⁺) and γ⁻ likewise.
/// The reference point r is 0 as in aihwkit when the bounds straddle 0; for a one-signed (conductance) window the
/// up-slope is referenced to w_min and the down-slope to w_max, so the step is dw_min at the far bound.
/// </summary>
[Variant("linear_step")]
[Doc("aihwkit LinearStep: step size depends linearly on the state (gamma_up/gamma_down), plus ConstantStep's variations.")]
public class LinearStepDeviceConfig : ConstantStepDeviceConfig
{
    [Doc("γ⁺: relative decrease of the up step at w_max (aihwkit gamma_up; 1 = soft bound).")]
    [Range(0, 100)]
    public double GammaUp { get; set; }

    [Doc("γ⁻: relative decrease of the down step at w_min (aihwkit gamma_down).")]
    [Range(0, 100)]
    public double GammaDown { get; set; }

    [Doc("Device-to-device σ of γ⁺ (aihwkit gamma_up_dtod).")]
    [Range(0, 100)]
    public double GammaUpDtod { get; set; } = 0.05;

    [Doc("Device-to-device σ of γ⁻ (aihwkit gamma_down_dtod).")]
    [Range(0, 100)]
    public double GammaDownDtod { get; set; } = 0.05;

    [Doc("Normalise the slopes by the mean bounds instead of each device's own bounds (aihwkit mean_bound_reference).")]
    public bool MeanBoundReference { get; set; } = true;

    [Doc("Multiplicative cycle-to-cycle noise Δw·(1 + σξ) instead of additive Δw^d·σξ (aihwkit mult_noise).")]
    public bool MultNoise { get; set; } = true;
}
