namespace Crossbar.Devices;

/// <summary>
/// Jump tables shipped with Crossbar, on a normalised conductance axis [0, 1]. Both are <b>constructed</b> from the
/// papers' qualitative descriptions (shapes, asymmetry), <b>not measured</b>; the labels say so in every output.
/// </summary>
public static class BuiltinJumpTables
{
    public const int Bins = 64;

    public static readonly string[] Names = ["builtin:pcm", "builtin:pcmo"];

    public static JumpTable Get(string name, int quantiles) => name switch
    {
        "builtin:pcm" => Pcm(quantiles),
        "builtin:pcmo" => Pcmo(quantiles),
        _ => throw new CrossbarException($"unknown built-in jump table '{name}'; known: {string.Join(", ", Names)}"),
    };

    /// <summary>
    /// PCM-like (001 §I.B–C, Fig. 8): gentle, nonlinear, strongly stochastic partial SET — median jumps of ~3 % of
    /// the range at low G shrinking to ~0.3 % near the top, σ about 60 % of the median (so some jumps are negative) —
    /// and an abrupt RESET that lands near 2 % of the range from any G.
    /// </summary>
    public static JumpTable Pcm(int quantiles) => JumpTable.FromMedianAndSigma(
        "builtin:pcm (constructed from 001 §I, not measured)", 0.0, 1.0, Bins, quantiles,
        setMedian: g => 0.003 + 0.027 * Math.Exp(-g / 0.3),
        setSigma: g => 0.002 + 0.6 * (0.003 + 0.027 * Math.Exp(-g / 0.3)),
        resetMedian: g => -(g - 0.02),
        resetSigma: _ => 0.01);

    /// <summary>
    /// PCMO-like bidirectional, asymmetric table (001 §III, Fig. 13): in the centre both directions are nearly linear
    /// with RESET jumps ~3× larger than SET jumps (001 Fig. 15 finds η_SET/η_RESET ≈ 3–4 optimal), while near the
    /// edges the response turns strongly nonlinear — large SET jumps at low G, large RESET jumps at high G, both
    /// vanishing at the opposite edge.
    /// </summary>
    public static JumpTable Pcmo(int quantiles) => JumpTable.FromMedianAndSigma(
        "builtin:pcmo (constructed from 001 §III, not measured)", 0.0, 1.0, Bins, quantiles,
        setMedian: PcmoSet,
        setSigma: g => 0.0005 + 0.4 * PcmoSet(g),
        resetMedian: g => -PcmoReset(g),
        resetSigma: g => 0.0005 + 0.4 * PcmoReset(g));

    private static double PcmoSet(double g) => 0.006 * (1 - Math.Exp(-(1 - g) / 0.05)) + 0.02 * Math.Exp(-g / 0.06);

    private static double PcmoReset(double g) => 0.018 * (1 - Math.Exp(-g / 0.05)) + 0.05 * Math.Exp(-(1 - g) / 0.06);
}
