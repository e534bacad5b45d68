namespace Crossbar.Config;

/// <summary>
/// aihwkit's ConstantStep device, same parameter names and meanings so settings carry across: per-device step
/// Δw^d = dw_min·(1 + d·β_ij + dw_min_dtod·ξ), β_ij = up_down + up_down_dtod·ξ', bounds w_max·(1 + w_max_dtod·ξ)
/// and w_min·(1 + w_min_dtod·ξ), cycle-to-cycle noise w ← w ± Δw^d·(1 + dw_min_std·ξ), then clip.
/// The state is in conductance units (aihwkit's weight units); it may be signed, as in aihwkit, when a tile uses
/// one device per weight (<c>tile.pair: single</c>).
/// </summary>
[Variant("constant_step")]
[Doc("aihwkit ConstantStep: constant step with up/down asymmetry, bounds, c-to-c and d-to-d variation.")]
public class ConstantStepDeviceConfig : DeviceConfig
{
    [Doc("Mean step Δw_min of one pulse across devices and directions (aihwkit dw_min).")]
    [Range(0, 1e12, MinExclusive = true)]
    public double DwMin { get; set; } = 0.001;

    [Doc("Device-to-device σ of dw_min, relative to dw_min (aihwkit dw_min_dtod).")]
    [Range(0, 10)]
    public double DwMinDtod { get; set; } = 0.3;

    [Doc("Cycle-to-cycle σ of each step, relative to the step (aihwkit dw_min_std).")]
    [Range(0, 10)]
    public double DwMinStd { get; set; } = 0.3;

    [Doc("Systematic up/down bias β: up steps scale by (1 + β), down steps by (1 − β) (aihwkit up_down).")]
    [Range(-1, 1)]
    public double UpDown { get; set; }

    [Doc("Device-to-device σ of the up/down bias (aihwkit up_down_dtod).")]
    [Range(0, 10)]
    public double UpDownDtod { get; set; } = 0.01;

    [Doc("Mean lower bound (aihwkit w_min).")]
    [Range(-1e12, 1e12)]
    public double WMin { get; set; } = -0.6;

    [Doc("Mean upper bound (aihwkit w_max).")]
    [Range(-1e12, 1e12)]
    public double WMax { get; set; } = 0.6;

    [Doc("Device-to-device σ of the lower bound relative to w_min (aihwkit w_min_dtod).")]
    [Range(0, 10)]
    public double WMinDtod { get; set; } = 0.3;

    [Doc("Device-to-device σ of the upper bound relative to w_max (aihwkit w_max_dtod).")]
    [Range(0, 10)]
    public double WMaxDtod { get; set; } = 0.3;

    [Doc("State after a full RESET; empty = 0 when the bounds straddle 0 (aihwkit), otherwise w_min.")]
    [Range(-1e12, 1e12)]
    public double? ResetValue { get; set; }

    [Doc("Cycle-to-cycle σ of the full-RESET state (aihwkit reset_std).")]
    [Range(0, 1e12)]
    public double ResetStd { get; set; } = 0.01;

    public double ResolvedResetValue => ResetValue ?? (WMin < 0 && WMax > 0 ? 0.0 : WMin);

    public override IEnumerable<(string Key, string Problem)> Validate() => CheckWindow(WMin, WMax, "w_min", "w_max");
}
