using System.Globalization;

namespace Crossbar.Training;

/// <summary>
/// Parses <c>evaluation.snapshots</c> entries — a number of training images ("10", "200"), "epoch N", or "last" —
/// into example counts (000 Fig. 19 takes them after 10 and 200 images, after epoch 1 and after the last epoch).
/// </summary>
public static class SnapshotSchedule
{
    public static bool TryParse(string spec, long perEpoch, long total, out long examples, out string label)
    {
        spec = spec.Trim();
        label = spec;
        examples = 0;
        if (spec == "last")
        {
            examples = total;
            label = "after the last epoch";
            return true;
        }
        if (spec.StartsWith("epoch", StringComparison.Ordinal)
            && int.TryParse(spec.AsSpan(5).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int epoch) && epoch >= 1)
        {
            examples = Math.Min(total, epoch * perEpoch);
            label = $"after epoch {epoch}";
            return true;
        }
        if (long.TryParse(spec, NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n >= 0)
        {
            examples = Math.Min(total, n);
            label = $"after {n:N0} images";
            return true;
        }
        return false;
    }

    /// <summary>Checks specs without knowing the data size (config validation).</summary>
    public static bool IsValid(string spec) => TryParse(spec, 1, long.MaxValue, out _, out _);
}
