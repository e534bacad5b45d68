namespace Crossbar.Plotting;

/// <summary>How data values map onto an axis.</summary>
public enum AxisScale
{
    Linear,

    /// <summary>log10 spacing; non-positive values are skipped (drawn as gaps).</summary>
    Log,
}
