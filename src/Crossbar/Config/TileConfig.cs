namespace Crossbar.Config;

public enum SynapsePair
{
    /// <summary>W = gain·(ΣG⁺ − ΣG⁻): two groups of devices per weight (001, 002, 003, 004).</summary>
    Differential,

    /// <summary>W = gain·ΣG: one group of (signed-state) devices per weight, as aihwkit's single-device tiles.</summary>
    Single,
}

public enum TileInit
{
    Network,
    Devices,
}

/// <summary>
/// The <c>tile</c> section: how weights map onto devices and how the crossbar is read.
/// Row i = input neuron i (plus a bias row), column j = output neuron j.
/// </summary>
public sealed class TileConfig : IValidatedConfig
{
    public SynapsePair Pair { get; set; } = SynapsePair.Differential;

    [Doc("Devices per sign of each synapse (multi-memristive synapse, 004 Outlook); the weight sums them.")]
    [Range(1, 64)]
    public int DevicesPerSign { get; set; } = 1;

    [Doc("Weight per unit conductance: W = gain·(ΣG⁺ − ΣG⁻).")]
    [Range(1e-12, 1e12)]
    public double Gain { get; set; } = 1.0;

    [Doc("Simulated seconds per training example (the clock advances by this much per example).")]
    [Range(0, 1e12)]
    public double TimePerExample { get; set; } = 1.0;

    [Doc("With drift/decay on, re-read the conductances every N examples (1 = exact; larger is faster).")]
    [Range(1, 1e9)]
    public int ReadRefresh { get; set; } = 1;

    [Doc("Input quantisation: number of levels over [input_min, input_max] (0 = off); inputs saturate at the range.")]
    [Range(0, 1 << 24)]
    public int InputLevels { get; set; }

    [Range(-1e12, 1e12)]
    public double InputMin { get; set; }

    [Range(-1e12, 1e12)]
    public double InputMax { get; set; } = 1.0;

    [Doc("Output quantisation (ADC): number of levels over [−output_range, output_range] (0 = off).")]
    [Range(0, 1 << 24)]
    public int OutputLevels { get; set; }

    [Doc("Outputs saturate at ±output_range (0 = no saturation).")]
    [Range(0, 1e12)]
    public double OutputRange { get; set; }

    [Doc("Gain of each synapse layer (weights per unit conductance), overriding gain; empty = gain for every layer.")]
    public List<double> LayerGains { get; set; } = [];

    /// <summary>The gain of synapse layer l.</summary>
    public double GainOf(int layer) => layer < LayerGains.Count ? LayerGains[layer] : Gain;

    /// <summary>A copy with another gain (tiles read their gain from their config).</summary>
    public TileConfig WithGain(double gain)
    {
        var copy = (TileConfig)MemberwiseClone();
        copy.Gain = gain;
        return copy;
    }

    [Doc("Synapse layers (0 = input→first hidden) that live on tiles; empty = all of them.")]
    public List<int> AnalogLayers { get; set; } = [];

    [Doc("network: program the network's random initial weights into the devices (ideal write, no pulses); devices: start from the devices' reset state (W ≈ 0).")]
    public TileInit Init { get; set; } = TileInit.Network;

    public IEnumerable<(string Key, string Problem)> Validate()
    {
        if (LayerGains.Any(g => !(g > 0)))
        {
            yield return ("layer_gains", "every gain must be > 0");
        }
        if (AnalogLayers.Any(l => l < 0))
        {
            yield return ("analog_layers", "layer indices start at 0");
        }
        if (InputLevels == 1)
        {
            yield return ("input_levels", "must be 0 (off) or at least 2");
        }
        if (InputLevels > 0 && !(InputMin < InputMax))
        {
            yield return ("input_min", $"must be less than input_max ({InputMax})");
        }
        if (OutputLevels == 1)
        {
            yield return ("output_levels", "must be 0 (off) or at least 2");
        }
        if (OutputLevels > 0 && OutputRange <= 0)
        {
            yield return ("output_range", "must be > 0 when output_levels is set");
        }
    }
}
