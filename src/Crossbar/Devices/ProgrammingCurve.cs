using Crossbar.Config;

namespace Crossbar.Devices;

/// <summary>
/// PCM programming curve (004_0960042c272041a3 Fig. 2(a)): mean conductance after one programming pulse of current
/// I, falling logistically from curve_g_high (crystalline) to g_reset (amorphous) around curve_i_mid, with a relative
/// spread curve_std. Shape and numbers are plausible choices, not a fit to the figure (the text has no data).
/// </summary>
public sealed class ProgrammingCurve(PcmDeviceConfig c)
{
    private readonly double _low = c.GReset;
    private readonly double _high = c.CurveGHigh;
    private readonly double _mid = c.CurveIMid;
    private readonly double _width = c.CurveIWidth;
    private readonly double _std = c.CurveStd;
    private readonly double _min = c.GMin;
    private readonly double _max = c.GMax;

    /// <summary>Mean conductance after a pulse of current <paramref name="current"/> (µA).</summary>
    public double Mean(double current) => _low + (_high - _low) / (1 + Math.Exp((current - _mid) / _width));

    /// <summary>σ of the conductance after such a pulse.</summary>
    public double Std(double current) => _std * Mean(current);

    /// <summary>One programming pulse: the conductance it leaves, for a standard normal deviate <paramref name="z"/>.</summary>
    public double Sample(double current, double z) => Math.Clamp(Mean(current) + Std(current) * z, _min, _max);

    /// <summary>Current whose mean conductance is <paramref name="g"/> (clamped inside the curve's range).</summary>
    public double CurrentFor(double g)
    {
        double span = _high - _low;
        double f = Math.Clamp((g - _low) / span, 1e-6, 1 - 1e-6);
        return _mid + _width * Math.Log(1 / f - 1);
    }

    /// <summary>d(mean)/dI at <paramref name="current"/> (negative).</summary>
    public double Slope(double current)
    {
        double e = Math.Exp((current - _mid) / _width);
        return -(_high - _low) * e / (_width * (1 + e) * (1 + e));
    }
}
