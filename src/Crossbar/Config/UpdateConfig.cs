namespace Crossbar.Config;

/// <summary>
/// How weights change during training (the <c>update</c> section). The <c>rule</c> key selects the rule; options
/// shared by every rule (Local Gains) live here.
/// </summary>
[Variants("rule", typeof(SgdUpdateConfig))]
public abstract class UpdateConfig
{
    [Doc("Neuron-centric Local Gains (000 §III).")]
    public LocalGainsConfig LocalGains { get; set; } = new();
}

/// <summary>Plain gradient descent ΔW = η·x·δ applied exactly (the software reference).</summary>
[Variant("sgd")]
public sealed class SgdUpdateConfig : UpdateConfig
{
}
