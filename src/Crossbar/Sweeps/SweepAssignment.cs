using Crossbar.Config;

namespace Crossbar.Sweeps;

/// <summary>One swept key and the value a point gives it.</summary>
public sealed record SweepAssignment(string Key, ConfigNode Value)
{
    /// <summary>The value as YAML (re-appliable with <c>--set key=value</c>); identifies the value in point ids.</summary>
    public string Flow { get; } = ConfigValueText.Flow(Value);

    /// <summary>The value as a short CSV cell (<c>784-200-10</c>).</summary>
    public string Compact { get; } = ConfigValueText.Compact(Value);
}
