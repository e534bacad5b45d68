using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Crossbar.Config;

namespace Crossbar.Devices;

/// <summary>
/// PCM accumulative model (004_0960042c272041a3 Fig. 3): a SET (crystallising) pulse adds ΔG ~ N(μ(G), σ(G)) with
/// μ(G) = mu0 + mu_slope·G and σ(G) = max(0, sigma0 + sigma_slope·G) — nonlinear (steps shrink as G grows) and
/// stochastic in conductance-vs-pulse-number; a RESET pulse melts the cell back to g_reset ± g_reset_std.
/// The programming curve of 004 Fig. 2(a) is <see cref="ProgrammingCurve"/>.
/// </summary>
public readonly struct PcmDevice : IDeviceModel
{
    private readonly double _min;
    private readonly double _max;
    private readonly double _mu0;
    private readonly double _muSlope;
    private readonly double _sigma0;
    private readonly double _sigmaSlope;
    private readonly double _gReset;
    private readonly double _gResetStd;

    public PcmDevice(PcmDeviceConfig c)
    {
        _min = c.GMin;
        _max = c.GMax;
        _mu0 = c.Mu0;
        _muSlope = c.MuSlope;
        _sigma0 = c.Sigma0;
        _sigmaSlope = c.SigmaSlope;
        _gReset = c.GReset;
        _gResetStd = c.GResetStd;
        Curve = new ProgrammingCurve(c);
    }

    public static string Name => "pcm";

    public ProgrammingCurve Curve { get; }

    public double Min(int device) => _min;

    public double Max(int device) => _max;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Set(int device, double g, ulong random)
    {
        double mu = _mu0 + _muSlope * g;
        double sigma = Math.Max(0.0, _sigma0 + _sigmaSlope * g);
        return Math.Clamp(g + mu + sigma * PulseRandom.Gaussian(random), _min, _max);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Reset(int device, double g, ulong random) => FullReset(device, random);

    public double EndEvent(int device, double g, bool set, ulong lastRandom) => g;

    public double SetRun(int device, double g, ref int left, ulong random) => PulseBatch.One(Set(device, g, random), ref left);

    public double ResetRun(int device, double g, ref int left, ulong random) => PulseBatch.One(Reset(device, g, random), ref left);

    public void Run8(Vector256<int> devices, ref Vector512<double> g, ref Vector256<int> pulses, Vector512<ulong> words) =>
        PulseBatch.Run8Scalar(this, devices, ref g, ref pulses, words);

    public bool HasScatteredKernel => false;

    public bool UsesRandom => true;

    public void SetBatch(int first, Span<double> g, ReadOnlySpan<ulong> words) => PulseBatch.SetScalar(this, first, g, words);

    public void ResetBatch(int first, Span<double> g, ReadOnlySpan<ulong> words) => PulseBatch.ResetScalar(this, first, g, words);

    public double FullReset(int device, ulong random) =>
        Math.Clamp(_gReset + _gResetStd * PulseRandom.Gaussian(random), _min, _max);
}
