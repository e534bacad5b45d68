namespace Crossbar.Config;

/// <summary>
/// The <c>device</c> section: which device model stores the weights, plus effects every model shares
/// (device-to-device factor X, drift, decay, read noise, endurance, pulse energy). Float runs omit the section.
/// </summary>
[Variants("model",
    typeof(IdealDeviceConfig),
    typeof(ConstantStepDeviceConfig),
    typeof(LinearStepDeviceConfig),
    typeof(SoftBoundsDeviceConfig),
    typeof(ExponentialDeviceConfig),
    typeof(JumpTableDeviceConfig),
    typeof(NLevelDeviceConfig),
    typeof(PcmDeviceConfig))]
public abstract class DeviceConfig : IValidatedConfig
{
    [Doc("σ of the per-device multiplicative factor X ~ N(1, σ) scaling each device's whole conductance response (002 §3.2, Fig. 13); 0 = none.")]
    [Range(0, 10)]
    public double Variation { get; set; }

    public DriftConfig Drift { get; set; } = new();

    public DecayConfig Decay { get; set; } = new();

    public ReadNoiseConfig ReadNoise { get; set; } = new();

    [Doc("Endurance: pulses (SET + RESET) a device survives; afterwards it is stuck at its last conductance. 0 = unlimited.")]
    [Range(0, int.MaxValue)]
    public long MaxPulses { get; set; }

    [Doc("Energy of one SET (potentiating) pulse in pJ (000 §VI: 3 pJ).")]
    [Range(0, 1e12)]
    public double SetEnergyPj { get; set; } = 3.0;

    [Doc("Energy of one RESET (depressing) pulse in pJ (000 §VI: 30 pJ).")]
    [Range(0, 1e12)]
    public double ResetEnergyPj { get; set; } = 30.0;

    /// <summary>The model's <c>model:</c> name.</summary>
    public string ModelName => ConfigBinder.VariantName(GetType());

    public virtual IEnumerable<(string Key, string Problem)> Validate() => [];

    /// <summary>Shared check for models with a conductance window.</summary>
    protected static IEnumerable<(string Key, string Problem)> CheckWindow(double min, double max, string minKey = "g_min", string maxKey = "g_max")
    {
        if (!(min < max))
        {
            yield return (minKey, $"must be less than {maxKey} ({max}), got {min}");
        }
    }
}
