namespace Crossbar.Config;

public enum MappingMethod
{
    /// <summary>Each device is written straight to its target conductance, then programming noise is drawn (004 "direct mapping").</summary>
    Direct,

    /// <summary>Open-loop pulses: each device gets the SET pulses that take a nominal device nearest its target; device-to-device variation is not seen (002 §3.2 off-chip transfer).</summary>
    OpenLoop,

    /// <summary>Iterative program-and-verify with pulses and noisy reads until within tolerance (004 Fig. 2(b)).</summary>
    ProgramVerify,
}

/// <summary>
/// How a trained float weight matrix becomes target conductances: W = gain·(G⁺ − G⁻), the larger of the pair at
/// g_min + |w|/gain and the other at g_min (aihwkit's single-pair conductance converter; 002 §2.1).
/// </summary>
public sealed class MappingConfig : IValidatedConfig
{
    [Doc("direct, open_loop or program_verify.")]
    public MappingMethod Method { get; set; } = MappingMethod.Direct;

    [Doc("Lowest conductance of the default device (µS for the PCM-like model); a device section's window wins.")]
    [Range(0, 1e12)]
    public double GMin { get; set; }

    [Doc("Conductance the largest |w| of each layer maps to (aihwkit: 25 µS); a device section's window wins.")]
    [Range(0, 1e12, MinExclusive = true)]
    public double GMax { get; set; } = 25.0;

    [Doc("Fixed weight per unit conductance for every layer; empty = per layer, max|w|/(g_max − g_min).")]
    [Range(1e-12, 1e12)]
    public double? Gain { get; set; }

    [Doc("Common-mode offset: both devices of a pair start at g_min + offset·(g_max − g_min) and |w| uses the rest of the window (a pair trained on-chip with unidirectional updates, 002 Fig. 2, holds both conductances high); 0 = one device at g_min.")]
    [Range(0, 0.99)]
    public double Offset { get; set; }

    [Doc("σ of additive Gaussian programming noise as a fraction of (g_max − g_min), for direct mapping without pcm_noise; 0 = none.")]
    [Range(0, 10)]
    public double ProgrammingNoise { get; set; }

    [Doc("program_verify: accepted |read − target| as a fraction of (g_max − g_min).")]
    [Range(0, 1, MinExclusive = true)]
    public double Tolerance { get; set; } = 0.02;

    [Doc("Graph networks: rows (inputs) of one tile; a layer with more inputs (conv: in·kh·kw) is split over tiles whose outputs are summed digitally (aihwkit max_input_size).")]
    [Range(1, 1 << 20)]
    public int TileRows { get; set; } = 512;

    [Doc("Graph networks: columns (outputs) of one tile; more outputs are split over tiles (aihwkit max_output_size).")]
    [Range(1, 1 << 20)]
    public int TileColumns { get; set; } = 512;

    [Doc("Graph networks: tile (max |w| of each tile maps to g_max) or column (each column's max |w|, rescaled digitally after the ADC).")]
    public WeightScaling WeightScaling { get; set; } = WeightScaling.Tile;

    [Doc("Graph networks: fold each batch norm that directly follows a convolution into it before mapping (W·γ/σ on the tiles, the shift as a digital bias); false keeps batch norm digital after the analog conv.")]
    [OmitWhenDefault]
    public bool FoldBatchNorm { get; set; }

    [Doc("program_verify: pulses allowed per device.")]
    [Range(1, 1000000)]
    public int MaxPulses { get; set; } = 200;

    public IEnumerable<(string Key, string Problem)> Validate()
    {
        if (!(GMin < GMax))
        {
            yield return ("g_min", $"must be less than g_max ({GMax}), got {GMin}");
        }
    }
}
