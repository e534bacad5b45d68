using Crossbar.Plotting;

namespace Crossbar.Tests.Plotting;

/// <summary>A fact that is reported as skipped (not passed) where rsvg-convert is not installed.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresRsvgConvertFactAttribute : FactAttribute
{
    public RequiresRsvgConvertFactAttribute()
    {
        if (!PlotWriter.CanWritePng)
        {
            Skip = "rsvg-convert is not on PATH";
        }
    }
}
