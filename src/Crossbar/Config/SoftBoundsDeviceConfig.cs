namespace Crossbar.Config;

/// <summary>
/// aihwkit's SoftBounds device: a LinearStep device with γ = 1 and no spread of γ, so the step goes to zero at the
/// bound it approaches. Same keys as <c>linear_step</c>; gamma_up/gamma_down default to 1 and their d-to-d σ to 0.
/// </summary>
[Variant("soft_bounds")]
[Doc("aihwkit SoftBounds: step shrinks linearly to zero at the bounds (LinearStep with γ = 1).")]
public sealed class SoftBoundsDeviceConfig : LinearStepDeviceConfig
{
    public SoftBoundsDeviceConfig()
    {
        GammaUp = 1.0;
        GammaDown = 1.0;
        GammaUpDtod = 0.0;
        GammaDownDtod = 0.0;
    }
}
