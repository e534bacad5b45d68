namespace Crossbar.Config;

public enum NoiseManagement
{
    /// <summary>Inputs go to the DAC as they are; the DAC clips them at ±input_bound.</summary>
    None,

    /// <summary>
    /// Each input vector of an MVM is divided by its own max |x| before the DAC and the result multiplied back after
    /// the ADC, so the DAC range is always used in full (aihwkit NoiseManagementType.ABS_MAX, its default).
    /// </summary>
    AbsMax,
}

public enum WeightScaling
{
    /// <summary>One weight-to-conductance scale per tile: the tile's max |w| maps to g_max (aihwkit weight_scaling_omega, per tile).</summary>
    Tile,

    /// <summary>One scale per tile column: each column's max |w| maps to g_max, undone digitally after the ADC (aihwkit weight_scaling_columnwise).</summary>
    Column,
}

/// <summary>
/// The periphery of an analog tile for one direction of the MVM (forward or backward): input DAC, output noise and
/// output ADC, with noise management. Units follow aihwkit's IOParameters: inputs are normalised to ±input_bound,
/// weights to max |w| = 1 per tile (or column), so output_noise and output_bound are in units of one fully driven
/// unit weight. Defaults are aihwkit's IOParameters (7-bit DAC over ±1, 9-bit ADC over ±12, σ_out = 0.06, abs-max
/// noise management). Resolutions are 1/(2^bits − 2) of the full range, as aihwkit's inp_res/out_res defaults
/// 1/(2⁷ − 2) and 1/(2⁹ − 2): an odd number of levels, zero among them.
/// </summary>
public sealed class PeripheryConfig : IValidatedConfig
{
    [Doc("Input DAC resolution in bits: 2^bits − 1 levels over ±input_bound (aihwkit inp_res = 1/(2⁷−2)); 0 = no quantisation.")]
    [Range(0, 24)]
    public int DacBits { get; set; } = 7;

    [Doc("DAC range: normalised inputs are clipped to ±input_bound (aihwkit inp_bound).")]
    [Range(0, 1e6, MinExclusive = true)]
    public double InputBound { get; set; } = 1.0;

    [Doc("Output ADC resolution in bits: 2^bits − 1 levels over ±output_bound (aihwkit out_res = 1/(2⁹−2)); 0 = no quantisation.")]
    [Range(0, 24)]
    public int AdcBits { get; set; } = 9;

    [Doc("ADC range: normalised outputs saturate at ±output_bound (aihwkit out_bound); 0 = no saturation.")]
    [Range(0, 1e9)]
    public double OutputBound { get; set; } = 12.0;

    [Doc("σ of additive Gaussian noise on each normalised tile output per MVM, before the ADC (aihwkit out_noise).")]
    [Range(0, 100)]
    public double OutputNoise { get; set; } = 0.06;

    [Doc("none or abs_max: divide each MVM input vector by its max |x| before the DAC, multiply back after the ADC (aihwkit default abs_max).")]
    public NoiseManagement NoiseManagement { get; set; } = NoiseManagement.AbsMax;

    /// <summary>No DAC, no ADC, no noise: the MVM is exact (the "is_perfect" periphery).</summary>
    public static PeripheryConfig Ideal => new() { DacBits = 0, AdcBits = 0, OutputBound = 0, OutputNoise = 0, NoiseManagement = NoiseManagement.None };

    public IEnumerable<(string Key, string Problem)> Validate()
    {
        if (DacBits == 1)
        {
            yield return ("dac_bits", "must be 0 (off) or at least 2 (1 bit leaves only the level 0)");
        }
        if (AdcBits == 1)
        {
            yield return ("adc_bits", "must be 0 (off) or at least 2 (1 bit leaves only the level 0)");
        }
        if (AdcBits > 0 && OutputBound <= 0)
        {
            yield return ("output_bound", "must be > 0 when adc_bits is set (the ADC's range)");
        }
    }
}
