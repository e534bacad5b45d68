namespace Crossbar.Plotting;

/// <summary>An axis tick: major ticks carry a label (with ^{…} markup for powers of ten), minor ticks do not.</summary>
public readonly record struct Tick(double Value, string Label, bool IsMajor);
