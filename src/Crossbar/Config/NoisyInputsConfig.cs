namespace Crossbar.Config;

/// <summary>
/// Inference on noise-corrupted test images (003 §IV, Fig. 5): zero-mean Gaussian noise of each variance added to
/// the [0, 1] images and clipped; the float network is compared with stochastic inference on BL-bit streams.
/// </summary>
public sealed class NoisyInputsConfig : IValidatedConfig
{
    [Doc("Test-noise variances σᵢ² (003 Fig. 5: 0.01, 0.1, 0.2); 0 is the clean baseline.")]
    public List<double> Variances { get; set; } = [0, 0.01, 0.1, 0.2];

    [Doc("Bernoulli stream lengths BL for stochastic inference (003: 10 and 100); empty = float only.")]
    public List<int> BitLengths { get; set; } = [10, 100];

    [Doc("Stochastic inference repeats averaged per point (003 Fig. 5: 20).")]
    [Range(1, 10000)]
    public int Repeats { get; set; } = 20;

    public IEnumerable<(string Key, string Problem)> Validate()
    {
        foreach (var v in Variances)
        {
            if (!(v >= 0 && v <= 100))
            {
                yield return ("variances", $"each variance must be in [0, 100], got {v}");
            }
        }
        foreach (var b in BitLengths)
        {
            if (b < 1 || b > 1000000)
            {
                yield return ("bit_lengths", $"each BL must be in [1, 1000000], got {b}");
            }
        }
    }
}
