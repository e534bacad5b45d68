namespace Crossbar.Config;

/// <summary>
/// The <c>inference</c> section, read by <c>crossbar infer</c>: which trained model, how it is mapped onto tiles,
/// the noise model, and the studies to run (each present sub-section is one study).
/// </summary>
public sealed class InferenceConfig : IValidatedConfig
{
    [Doc("Trained model file (model.cbm), relative to the current directory; --model overrides it; empty = train one from this file's training sections.")]
    public string? Model { get; set; }

    [Doc("K: programming repeats (fresh programming noise, drift exponents and variation per repeat) averaged per point.")]
    [Range(1, 10000)]
    public int Repeats { get; set; } = 5;

    public MappingConfig Mapping { get; set; } = new();

    [Doc("Graph networks: periphery of every tile in the forward direction (DAC, output noise, ADC, noise management; aihwkit IOParameters defaults). MLPs read the tile section instead.")]
    public PeripheryConfig Forward { get; set; } = new();

    [Doc("PCM-like programming/drift/1-f noise (aihwkit PCMLikeNoiseModel defaults); absent = none.")]
    public PcmNoiseConfig? PcmNoise { get; set; }

    [Doc("Also train a hardware-aware network (004 Fig. 4) and map it beside the plain float one; absent = not.")]
    public HardwareAwareConfig? HardwareAware { get; set; }

    [Doc("Study: accuracy from programming to drift times, with and without compensation.")]
    public DriftStudyConfig? Drift { get; set; }

    [Doc("Study: off-chip vs on-chip learning against device variation σ (002 Fig. 14).")]
    public VariationStudyConfig? Variation { get; set; }

    [Doc("Study: noisy test inputs, float vs stochastic BL-bit inference (003 Fig. 5).")]
    public NoisyInputsConfig? NoisyInputs { get; set; }

    public IEnumerable<(string Key, string Problem)> Validate()
    {
        if (Drift is null && Variation is null && NoisyInputs is null)
        {
            yield return ("drift", "the inference section needs at least one study: drift, variation or noisy_inputs");
        }
        if (Model is not null && Model.Trim().Length == 0)
        {
            yield return ("model", "must not be blank; leave it out to train inline");
        }
    }
}
