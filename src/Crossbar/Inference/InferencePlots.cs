namespace Crossbar.Inference;

/// <summary>Plots of the inference studies: accuracy vs log time (drift), vs σ (variation), vs input-noise variance.</summary>
public static class InferencePlots
{
    public static IReadOnlyList<string> Write(string outDir, IReadOnlyList<DriftPoint>? drift, IReadOnlyList<VariationPoint>? variation,
                                              IReadOnlyList<NoisyPoint>? noisy)
    {
        // Drawn with the Plotting module once it is merged.
        _ = outDir;
        _ = drift;
        _ = variation;
        _ = noisy;
        return [];
    }
}
