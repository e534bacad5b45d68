namespace Crossbar.Tiles;

/// <summary>Which device group of a synapse: G⁺ (adds to the weight) or G⁻ (subtracts).</summary>
public enum SynapseSign
{
    Plus = 0,
    Minus = 1,
}
