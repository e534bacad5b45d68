namespace Crossbar.Config;

public enum DriftCompensation
{
    /// <summary>Outputs as read.</summary>
    None,

    /// <summary>Each layer's outputs rescaled by reference(programming) / reference(t) (aihwkit GlobalDriftCompensation; 004 Fig. 4).</summary>
    Global,
}

public enum DriftProbe
{
    /// <summary>Mean |output| for an all-ones input (one read per layer).</summary>
    Ones,

    /// <summary>Mean |W| as read with one-hot inputs (aihwkit's readout).</summary>
    Identity,

    /// <summary>Mean |pre-activation| over a calibration batch of training images.</summary>
    Calibration,
}

/// <summary>Accuracy of the mapped network at times after programming under drift and read noise (004 Fig. 4, §DNN training).</summary>
public sealed class DriftStudyConfig : IValidatedConfig
{
    [Doc("Inference times in seconds after programming (e.g. 1 s … 1 year = 31536000).")]
    public List<double> Times { get; set; } = [1, 60, 3600, 86400, 2592000, 31536000];

    [Doc("Compensations to evaluate: none, global (both by default).")]
    public List<DriftCompensation> Compensation { get; set; } = [DriftCompensation.None, DriftCompensation.Global];

    [Doc("Reference read of the global compensation: ones, identity or calibration.")]
    public DriftProbe Probe { get; set; } = DriftProbe.Ones;

    [Doc("calibration probe: number of training images.")]
    [Range(1, 60000)]
    public int CalibrationCount { get; set; } = 256;

    public IEnumerable<(string Key, string Problem)> Validate()
    {
        if (Times.Count == 0)
        {
            yield return ("times", "needs at least one time");
        }
        foreach (var t in Times)
        {
            if (!(t >= 0) || double.IsInfinity(t))
            {
                yield return ("times", $"must be finite and >= 0 seconds, got {t}");
            }
        }
        if (Compensation.Count == 0)
        {
            yield return ("compensation", "needs at least one of none, global");
        }
    }
}
