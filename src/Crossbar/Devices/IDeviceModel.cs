using System.Runtime.Intrinsics;

namespace Crossbar.Devices;

/// <summary>
/// The pulse response of one kind of device. Implementations are <c>struct</c>s holding the per-device hidden
/// parameters as arrays (one entry per device, drawn once when the array is populated); generic kernels such as
/// <see cref="DeviceArray{TModel}"/> are specialised for each struct by the JIT, so the calls below are inlined
/// into the pulse loop as with C++ templates.
/// </summary>
/// <remarks>
/// Conductances here are nominal (before the device-to-device factor X and before drift, decay and read noise,
/// which <see cref="DeviceArray"/> applies for every model alike). <c>random</c> is the pulse's 64-bit word; use
/// <see cref="PulseRandom.Uniform"/> and <see cref="PulseRandom.Gaussian"/> to read independent deviates from it.
/// </remarks>
public interface IDeviceModel
{
    /// <summary>Config name of the model (<c>model:</c> key).</summary>
    static abstract string Name { get; }

    /// <summary>Lowest nominal conductance of device <paramref name="device"/>.</summary>
    double Min(int device);

    /// <summary>Highest nominal conductance of device <paramref name="device"/>.</summary>
    double Max(int device);

    /// <summary>Conductance after one potentiating (SET, up) pulse applied at conductance <paramref name="g"/>.</summary>
    double Set(int device, double g, ulong random);

    /// <summary>Conductance after one depressing (RESET, down) pulse applied at conductance <paramref name="g"/>.</summary>
    double Reset(int device, double g, ulong random);

    /// <summary>Conductance right after a full RESET / initialisation (e.g. the amorphous state of PCM).</summary>
    double FullReset(int device, ulong random);

    /// <summary>
    /// Called once after the pulses of one programming event (one call's pulses on one device), with the last pulse's
    /// random word: models whose noise belongs to the event rather than to each pulse (003 Fig. 2) add it here;
    /// the others return <paramref name="g"/>.
    /// </summary>
    double EndEvent(int device, double g, bool set, ulong lastRandom);

    /// <summary>Whether pulses consume random words (false lets the dense path skip drawing them).</summary>
    bool UsesRandom { get; }

    /// <summary>
    /// One SET pulse to each device of a run starting at <paramref name="first"/>, in place; <paramref name="words"/>
    /// are the pulses' random words. Must equal calling <see cref="Set"/> per device; models with a SIMD kernel
    /// override the scalar loop of <see cref="PulseBatch.SetScalar"/>.
    /// </summary>
    void SetBatch(int first, Span<double> g, ReadOnlySpan<ulong> words);

    /// <summary>One RESET pulse to each device of a run (see <see cref="SetBatch"/>).</summary>
    void ResetBatch(int first, Span<double> g, ReadOnlySpan<ulong> words);

    /// <summary>
    /// The next pulse(s) of a run of <paramref name="left"/> SET pulses (≥ 1) on one device, all drawn from the word
    /// of the run's next pulse: one pulse (<see cref="Set"/>, <paramref name="left"/> − 1), or — for models that can
    /// draw several pulses as one event, exactly in distribution, e.g. far from a bound — all of them (left = 0).
    /// Every pulse path (single device, dense, scattered) goes through this, so they agree bit for bit.
    /// </summary>
    double SetRun(int device, double g, ref int left, ulong random);

    /// <summary>The next pulse(s) of a run of RESET pulses (see <see cref="SetRun"/>).</summary>
    double ResetRun(int device, double g, ref int left, ulong random);

    /// <summary>True when the model has a SIMD <see cref="Run8"/> kernel; otherwise scattered pulses go device by device.</summary>
    bool HasScatteredKernel { get; }

    /// <summary>
    /// One call of <see cref="SetRun"/>/<see cref="ResetRun"/> for eight scattered devices at once: lane l is device
    /// devices[l] at conductance g[l] with pulses[l] pulses to receive (SET &gt; 0, RESET &lt; 0, 0 = idle lane) and the
    /// word of its next pulse; on return g and pulses hold the new conductance and the pulses still to apply. Must be
    /// bit-identical to the scalar calls (see <see cref="PulseBatch.Run8Scalar"/>). Models with such a kernel have no
    /// end-of-event noise (<see cref="EndEvent"/> returns g).
    /// </summary>
    void Run8(Vector256<int> devices, ref Vector512<double> g, ref Vector256<int> pulses, Vector512<ulong> words);
}
