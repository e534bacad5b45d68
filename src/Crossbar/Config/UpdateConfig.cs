namespace Crossbar.Config;

/// <summary>
/// How weights change during training (the <c>update</c> section). The <c>rule</c> key selects the rule; options
/// shared by every rule (Local Gains, occasional/periodic RESET) live here.
/// </summary>
[Variants("rule", typeof(SgdUpdateConfig), typeof(PulseCoincidenceUpdateConfig), typeof(SignStepUpdateConfig),
          typeof(StochasticUpdateConfig), typeof(MixedPrecisionUpdateConfig))]
public abstract class UpdateConfig : IValidatedConfig
{
    [Doc("Neuron-centric Local Gains (000 §III).")]
    public LocalGainsConfig LocalGains { get; set; } = new();

    [Doc("Occasional RESET of grown synapses with re-programming of their weight (000, 001, after Burr 2014), or 003's periodic reset.")]
    public ResetConfig Reset { get; set; } = new();

    /// <summary>Whether the rule can apply a mini-batch's summed ΔW (crossbar pulse rules cannot, 002 §2.1).</summary>
    public virtual bool SupportsMiniBatch => true;

    public virtual IEnumerable<(string Key, string Problem)> Validate() => [];
}

/// <summary>Plain gradient descent ΔW = η·x·δ applied exactly (float layers), or as ideal conductance changes on tiles.</summary>
[Variant("sgd")]
[Doc("Exact ΔW = η·x·δ (float layers), or ideal conductance changes on tiles (software-equivalent reference).")]
public sealed class SgdUpdateConfig : UpdateConfig
{
}

public enum DeviceDirection
{
    /// <summary>Only SET pulses during training: ΔW &gt; 0 potentiates G⁺, ΔW &lt; 0 potentiates G⁻ (PCM, 000; 003 Fig. 2).</summary>
    Unidirectional,

    /// <summary>ΔW &gt; 0 SETs G⁺ and RESETs G⁻ (and the reverse), as with PCMO (001 §III).</summary>
    Bidirectional,
}

public enum PulsePlacement
{
    /// <summary>Upstream pulses fill the first slots, downstream pulses are spread evenly: overlap = ⌊n_x·n_δ/N⌋.</summary>
    Deterministic,

    /// <summary>Each neuron picks its n pulse slots at random: overlap is hypergeometric with mean n_x·n_δ/N.</summary>
    Random,
}

/// <summary>
/// Crossbar-compatible pulse coincidence (000 §III, 001 Fig. 14, after Burr 2014): upstream neurons fire pulse trains
/// according to √η·g_x·x, downstream neurons according to √η·g_δ·δ, and each device receives one pulse per overlap.
/// On average a synapse receives η·|x|·|δ| pulses per example (at most <c>slots</c>).
/// </summary>
[Variant("pulse_coincidence")]
[Doc("000/001 crossbar-compatible pulse coincidence: trains from √η·g_x·x and √η·g_δ·δ, one pulse per overlap.")]
public sealed class PulseCoincidenceUpdateConfig : UpdateConfig
{
    [Doc("Time slots N of a pulse train: the most pulses one update can give a device.")]
    [Range(1, 256)]
    public int Slots { get; set; } = 16;

    public PulsePlacement Placement { get; set; } = PulsePlacement.Random;

    [Doc("Round each neuron's pulse count stochastically (E[n] exact, small values survive) instead of to nearest.")]
    public bool StochasticRounding { get; set; } = true;

    public DeviceDirection Direction { get; set; } = DeviceDirection.Unidirectional;

    [Doc("Learning rate of SET (potentiating) pulses, in pulses per unit x·δ; empty = training.learning_rate (001 Fig. 15).")]
    [Range(0, 1e9, MinExclusive = true)]
    public double? EtaSet { get; set; }

    [Doc("Learning rate of RESET (depressing) pulses for bidirectional devices; empty = eta_set (001 Fig. 15).")]
    [Range(0, 1e9, MinExclusive = true)]
    public double? EtaReset { get; set; }

    public override bool SupportsMiniBatch => false;
}

public enum SaturationMethod
{
    /// <summary>Reset both devices, then SET G⁺ until the weight is restored (002 Fig. 2A, Bichler 2012).</summary>
    A,

    /// <summary>Reset G⁻ and SET it back to one step below the old weight (002 Fig. 2B, the paper's proposal).</summary>
    B,

    /// <summary>Depress G⁻ by one step (bidirectional device, 002 Fig. 2C).</summary>
    C,
}

/// <summary>
/// Sign-based single-step update (002 §2.2, Fig. 2): one conductance step per iteration by sgn(δ) where x &gt; 0, no
/// learning rate; methods a, b, c when the device to increase is at G_max, and initialisation d.
/// </summary>
[Variant("sign_step")]
[Doc("002 §2.2: one conductance step by sgn(δ) where x > 0; methods a/b/c at G_max, initialisation d.")]
public sealed class SignStepUpdateConfig : UpdateConfig
{
    public SaturationMethod Method { get; set; } = SaturationMethod.B;

    [Doc("Initialisation d (002 Fig. 2D): when G⁺ and G⁻ are both at G_max, reset both to G_min.")]
    public bool InitD { get; set; } = true;

    [Doc("Errors with |δ| ≤ this are treated as zero (no update).")]
    [Range(0, 1e9)]
    public double DeltaThreshold { get; set; }
}

/// <summary>
/// Stochastic bit-stream update (003 Eqs. 3–4, after Gokmen &amp; Vlasov 2016): x and δ become Bernoulli streams of
/// length BL with probabilities C·|x| and C·|δ|, C = √(η/(BL·Δw)); each coincidence applies one pulse, so the mean
/// weight change is η·x·δ.
/// </summary>
[Variant("stochastic")]
[Doc("003 Eqs. 3–4: Bernoulli streams of length BL, one pulse per coincidence.")]
public sealed class StochasticUpdateConfig : UpdateConfig
{
    [Doc("Bit length BL of the Bernoulli streams (003: 2, 10, 50, 100).")]
    [Range(1, 256)]
    public int Bl { get; set; } = 10;

    public DeviceDirection Direction { get; set; } = DeviceDirection.Unidirectional;

    [Doc("Weight change of one pulse Δw used for the scaling C; empty = measured from the device model.")]
    [Range(0, 1e9, MinExclusive = true)]
    public double? PulseWeight { get; set; }

    [Doc("Stochastic forward pass: activations enter the tile as the mean of a BL-bit stream (003's stochastic DNN).")]
    public bool StochasticForward { get; set; }

    [Doc("Stochastic backward pass: errors enter the tile as the mean of a BL-bit stream.")]
    public bool StochasticBackward { get; set; }

    public override bool SupportsMiniBatch => false;
}

/// <summary>
/// Mixed-precision update (004 Fig. 5a): ΔW accumulates in a high-precision χ per synapse; when |χ| ≥ ε,
/// ⌊|χ|/ε⌋ pulses go to the devices and χ is reduced by what was applied.
/// </summary>
[Variant("mixed_precision")]
[Doc("004 Fig. 5a: ΔW accumulates in χ; ⌊|χ|/ε⌋ pulses when |χ| ≥ ε.")]
public sealed class MixedPrecisionUpdateConfig : UpdateConfig
{
    [Doc("Device granularity ε (weight change of one pulse); empty = measured from the device model.")]
    [Range(0, 1e9, MinExclusive = true)]
    public double? Epsilon { get; set; }

    public DeviceDirection Direction { get; set; } = DeviceDirection.Unidirectional;

    [Doc("Most pulses one device receives per update.")]
    [Range(1, 1000000)]
    public int MaxPulses { get; set; } = 100;
}

public enum ResetCriterion
{
    /// <summary>Synapses where G⁺ or G⁻ exceeds g_min + threshold·(g_max − g_min) (occasional RESET, Burr 2014).</summary>
    Grown,

    /// <summary>Synapses where both G⁺ and G⁻ exceed g_min + threshold·(g_max − g_min) (common mode removed).</summary>
    BothGrown,

    /// <summary>Every synapse (003's periodic reset every 15 images).</summary>
    All,
}

/// <summary>Occasional / periodic RESET: devices are RESET and the weight re-programmed onto one device; pulses count toward energy.</summary>
public sealed class ResetConfig : IValidatedConfig
{
    [Doc("Examples between resets; 0 = never (000/001: 100; 003: 15).")]
    [Range(0, long.MaxValue)]
    public long Every { get; set; }

    public ResetCriterion Criterion { get; set; } = ResetCriterion.Grown;

    [Doc("Fraction of the device window that counts as grown.")]
    [Range(0, 1)]
    public double Threshold { get; set; } = 0.5;

    [Doc("Re-program the weight with SET pulses (counted; stops at the pulse closest to the target) or ideally (not counted).")]
    public bool ReprogramWithPulses { get; set; } = true;

    [Doc("Most SET pulses spent re-programming one device.")]
    [Range(1, 1000000)]
    public int MaxPulses { get; set; } = 1000;

    public IEnumerable<(string Key, string Problem)> Validate() => [];
}
