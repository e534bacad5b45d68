namespace Crossbar.Config;

/// <summary>Volatile decay G(t) = G(t_p)·exp(−(t − t_p)/RC) towards 0 after each programming event (CMOS capacitor, 001 Fig. 11).</summary>
public sealed class DecayConfig
{
    [Doc("RC time constant in seconds of simulated time; with tile.time_per_example = 1 (default) this is the ratio RC / time-per-example of 001 Fig. 11. 0 = non-volatile.")]
    [Range(0, 1e18)]
    public double Rc { get; set; }

    public bool Enabled => Rc > 0;
}
