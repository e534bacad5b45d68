using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Crossbar.Config;

namespace Crossbar.Devices;

/// <summary>
/// Exponential nonlinear device (002_fcfd05735ec498b2 Eqs. 1–2, after Querlioz 2013):
/// SET: G ← G + α_p·exp(−β_p·(G − Gmin)/(Gmax − Gmin)); RESET: G ← G − α_d·exp(−β_d·(Gmax − G)/(Gmax − Gmin));
/// both clipped to [Gmin, Gmax].
/// </summary>
/// <remarks>
/// <para><b>α from β and n_max</b> (002 Fig. 6: n_max pulses take the device from Gmin to Gmax). Writing
/// x = (G − Gmin)/(Gmax − Gmin) and a = α/(Gmax − Gmin), Eq. 1 is x_{k+1} = x_k + a·e^(−β·x_k), x_0 = 0.
/// Its continuous limit dx/dn = a·e^(−βx) integrates to x(n) = ln(1 + aβn)/β, so x(n_max) = 1 gives
/// a₀ = (e^β − 1)/(β·n_max), which tends to 1/n_max as β → 0. The discrete map takes slightly larger steps than
/// its continuous limit (the step is evaluated at the start of each pulse, where it is largest), so
/// <see cref="AlphaFor"/> solves x_{n_max}(a) = 1 exactly by bisection on [0, 2a₀]; x_{n_max} increases with a.
/// For β = 0 (or below 1e-9) it returns exactly (Gmax − Gmin)/n_max, so the device takes n_max equal steps.
/// RESET is the mirror image (x → 1 − x), so α_d follows from β_d the same way.</para>
/// </remarks>
public readonly struct ExponentialDevice : IDeviceModel
{
    private readonly double _min;
    private readonly double _max;
    private readonly double _alphaP;
    private readonly double _alphaD;
    private readonly double _betaPOverRange;
    private readonly double _betaDOverRange;
    private readonly double _noise;

    public ExponentialDevice(double gMin, double gMax, double alphaP, double betaP, double alphaD, double betaD, double stepNoise = 0)
    {
        _min = gMin;
        _max = gMax;
        _alphaP = alphaP;
        _alphaD = alphaD;
        _betaPOverRange = betaP / (gMax - gMin);
        _betaDOverRange = betaD / (gMax - gMin);
        _noise = stepNoise;
        AlphaP = alphaP;
        AlphaD = alphaD;
        BetaP = betaP;
        BetaD = betaD;
    }

    public ExponentialDevice(ExponentialDeviceConfig c)
        : this(c.GMin, c.GMax,
               c.AlphaP ?? AlphaFor(c.BetaP ?? c.Nonlinearity, c.NMax, c.GMax - c.GMin), c.BetaP ?? c.Nonlinearity,
               c.AlphaD ?? AlphaFor(c.BetaD ?? c.Nonlinearity, c.NMax, c.GMax - c.GMin), c.BetaD ?? c.Nonlinearity,
               c.StepNoise)
    {
    }

    public static string Name => "exponential";

    public double AlphaP { get; }

    public double AlphaD { get; }

    public double BetaP { get; }

    public double BetaD { get; }

    public double Min(int device) => _min;

    public double Max(int device) => _max;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Set(int device, double g, ulong random)
    {
        double step = _alphaP * Math.Exp(-_betaPOverRange * (g - _min));
        if (_noise > 0)
        {
            step *= 1 + _noise * PulseRandom.Gaussian(random);
        }
        return Math.Clamp(g + step, _min, _max);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Reset(int device, double g, ulong random)
    {
        double step = _alphaD * Math.Exp(-_betaDOverRange * (_max - g));
        if (_noise > 0)
        {
            step *= 1 + _noise * PulseRandom.Gaussian(random);
        }
        return Math.Clamp(g - step, _min, _max);
    }

    public double EndEvent(int device, double g, bool set, ulong lastRandom) => g;

    public double SetRun(int device, double g, ref int left, ulong random) => PulseBatch.One(Set(device, g, random), ref left);

    public double ResetRun(int device, double g, ref int left, ulong random) => PulseBatch.One(Reset(device, g, random), ref left);

    public void Run8(Vector256<int> devices, ref Vector512<double> g, ref Vector256<int> pulses, Vector512<ulong> words) =>
        PulseBatch.Run8Scalar(this, devices, ref g, ref pulses, words);

    public bool HasScatteredKernel => false;

    public bool UsesRandom => _noise > 0;

    public void SetBatch(int first, Span<double> g, ReadOnlySpan<ulong> words)
    {
        if (_noise > 0)
        {
            PulseBatch.SetScalar(this, first, g, words);
            return;
        }
        // Eq. 1 on eight devices at a time (Vector512.Exp); same operations as Set, so the results agree.
        var step = Vector512.Create(_alphaP);
        var slope = Vector512.Create(-_betaPOverRange);
        var lo = Vector512.Create(_min);
        var hi = Vector512.Create(_max);
        int j = 0;
        for (; j <= g.Length - 8; j += 8)
        {
            var v = Vector512.Create(g.Slice(j, 8));
            v += step * Vector512.Exp(slope * (v - lo));
            Vector512.Min(Vector512.Max(v, lo), hi).CopyTo(g.Slice(j, 8));
        }
        for (; j < g.Length; j++)
        {
            g[j] = Set(first + j, g[j], 0);
        }
    }

    public void ResetBatch(int first, Span<double> g, ReadOnlySpan<ulong> words)
    {
        if (_noise > 0)
        {
            PulseBatch.ResetScalar(this, first, g, words);
            return;
        }
        var step = Vector512.Create(_alphaD);
        var slope = Vector512.Create(-_betaDOverRange);
        var lo = Vector512.Create(_min);
        var hi = Vector512.Create(_max);
        int j = 0;
        for (; j <= g.Length - 8; j += 8)
        {
            var v = Vector512.Create(g.Slice(j, 8));
            v -= step * Vector512.Exp(slope * (hi - v));
            Vector512.Min(Vector512.Max(v, lo), hi).CopyTo(g.Slice(j, 8));
        }
        for (; j < g.Length; j++)
        {
            g[j] = Reset(first + j, g[j], 0);
        }
    }

    public double FullReset(int device, ulong random) => _min;

    /// <summary>α such that <paramref name="nMax"/> pulses of Eq. 1 go exactly from Gmin to Gmax (see remarks).</summary>
    public static double AlphaFor(double beta, int nMax, double range)
    {
        if (nMax < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(nMax));
        }
        if (beta < 1e-9)
        {
            return range / nMax;
        }
        double a0 = double.ExpM1(beta) / (beta * nMax);
        double lo = 0, hi = 2 * a0;
        for (int it = 0; it < 200 && hi - lo > 1e-17 * hi; it++)
        {
            double mid = 0.5 * (lo + hi);
            if (Walk(mid, beta, nMax) < 1.0)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi) * range;

        static double Walk(double a, double beta, int n)
        {
            double x = 0;
            for (int k = 0; k < n; k++)
            {
                x += a * Math.Exp(-beta * x);
            }
            return x;
        }
    }
}
