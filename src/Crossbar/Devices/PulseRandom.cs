using System.Runtime.CompilerServices;
using Crossbar.Numerics;

namespace Crossbar.Devices;

/// <summary>
/// Random numbers for device pulses. Every pulse gets one 64-bit word that depends only on (stream key, device,
/// pulse number of that device), so results do not depend on how pulses are grouped into calls or threads.
/// A word holds two independent 24-bit uniforms: the high half feeds <see cref="Uniform"/>, the low half
/// <see cref="Gaussian"/>.
/// </summary>
public static class PulseRandom
{
    private const double Inv24 = 1.0 / (1 << 24);

    /// <summary>The word for pulse <paramref name="pulse"/> (0-based, SET and RESET counted together) of a device.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Word(ulong key, int device, long pulse) =>
        CounterRng.At(key, ((ulong)(uint)device << 36) ^ (ulong)pulse);

    /// <summary>Uniform in (0, 1) from the high 24 bits (never exactly 0 or 1, so inverse CDFs stay finite).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Uniform(ulong word) => ((word >> 40) + 0.5) * Inv24;

    /// <summary>Second uniform in (0, 1) from bits 8–31, independent of <see cref="Uniform"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Uniform2(ulong word) => (((word >> 8) & 0xFFFFFF) + 0.5) * Inv24;

    /// <summary>Largest |<see cref="Gaussian"/>| (the quantile of the smallest 24-bit uniform, 0.5·2⁻²⁴, is −5.42).</summary>
    public const double MaxGaussian = 5.5;

    /// <summary>Standard normal deviate from the low half of the word (inverse CDF, |z| ≤ 5.4).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Gaussian(ulong word) => NormalQuantile(Uniform2(word));

    /// <summary>
    /// Inverse of the standard normal CDF (Acklam's rational approximation, relative error below 1.2e-9). The central
    /// region (95 % of draws) needs no logarithm, which keeps a Gaussian pulse at a few nanoseconds.
    /// </summary>
    public static double NormalQuantile(double p)
    {
        const double pLow = 0.02425;
        if (p > pLow && p < 1 - pLow)
        {
            double q = p - 0.5;
            double r = q * q;
            return (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r
                        + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * q
                   / (((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r
                        + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1);
        }
        return p <= pLow ? Tail(p) : -Tail(1 - p);

        static double Tail(double p)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            return (((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q
                       - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00)
                   / ((((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q
                       + 3.754408661907416e+00) * q + 1);
        }
    }
}
