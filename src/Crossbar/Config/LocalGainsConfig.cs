namespace Crossbar.Config;

public enum LocalGainsVariant
{
    /// <summary>g_x on input and hidden layers, g_δ on hidden and output layers (000 §III.A, Fig. 9).</summary>
    Initial,

    /// <summary>g_x only on the input layer, constant g_x on hidden layers; g_δ on hidden and output (000 §III.B, Fig. 10).</summary>
    Intermediate,

    /// <summary>As intermediate, but the input layer's g_x follows the error a pretend upstream synapse layer would receive (000 §III.C, Fig. 12).</summary>
    Final,
}

/// <summary>Neuron-centric Local Gains (000_be961920015dd47a.txt §III, Eqs. 1–2): ΔW = η·(g_x·x)·(g_δ·δ).</summary>
public sealed class LocalGainsConfig : IValidatedConfig
{
    public bool Enabled { get; set; }

    public LocalGainsVariant Variant { get; set; } = LocalGainsVariant.Final;

    [Doc("Local Gain Coefficient: g grows by LGC when two successive signs agree, else shrinks by the factor (1 − LGC).")]
    [Range(0, 1, MinExclusive = true, MaxExclusive = true)]
    public double Lgc { get; set; } = 0.01;

    [Doc("Smallest gain (000: 0.1).")]
    [Range(0, 1e6)]
    public double MinGain { get; set; } = 0.1;

    [Doc("Largest gain (000: 10).")]
    [Range(0, 1e6)]
    public double MaxGain { get; set; } = 10;

    [Doc("Starting value of every gain (000: 1).")]
    [Range(0, 1e6)]
    public double InitialGain { get; set; } = 1;

    [Doc("Constant g_x of hidden neuron layers in the intermediate and final variants (000 §III.B uses 0.1).")]
    [Range(0, 1e6)]
    public double HiddenGx { get; set; } = 0.1;

    public IEnumerable<(string Key, string Problem)> Validate()
    {
        if (MinGain > MaxGain)
        {
            yield return ("min_gain", $"must not exceed max_gain ({MaxGain})");
        }
        if (InitialGain < MinGain || InitialGain > MaxGain)
        {
            yield return ("initial_gain", $"must lie in [min_gain, max_gain] = [{MinGain}, {MaxGain}]");
        }
    }
}
