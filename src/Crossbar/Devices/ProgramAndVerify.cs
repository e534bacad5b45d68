using Crossbar.Numerics;

namespace Crossbar.Devices;

/// <summary>Result of programming one device to a target conductance.</summary>
public readonly record struct ProgramResult(double Achieved, int Pulses, bool Converged);

/// <summary>
/// Iterative program-and-verify (004_0960042c272041a3 Fig. 2(b), after Papandreou 2011): apply a programming pulse,
/// read the device back, and correct until the read value is within tolerance of the target.
/// </summary>
public static class ProgramAndVerify
{
    /// <summary>
    /// PCM: each iteration applies one programming pulse whose current comes from the programming curve, corrected by
    /// the last read error divided by the curve's local slope (damped by <paramref name="gain"/>). Each programming
    /// pulse melts the cell, so it counts as a RESET pulse (energy, endurance) and restarts the drift clock.
    /// Reads include the device factor X and read noise, which the loop therefore compensates as a real verify would.
    /// </summary>
    public static ProgramResult WithCurve(
        DeviceArray devices, int device, ProgrammingCurve curve, double target, double tolerance,
        int maxIterations, ref CounterRng rng, double gain = 0.7)
    {
        double current = curve.CurrentFor(target);
        double read = devices.ReadNoisy(device, ref rng);
        for (int it = 1; it <= maxIterations; it++)
        {
            if (!devices.CountProgrammingPulse(device))
            {
                return new ProgramResult(read, it - 1, false); // worn out
            }
            devices.Write(device, curve.Sample(current, rng.NextGaussian()));
            read = devices.ReadNoisy(device, ref rng);
            double error = read - target;
            if (Math.Abs(error) <= tolerance)
            {
                return new ProgramResult(read, it, true);
            }
            // The mean falls with current, so a read above target asks for more current.
            double slope = Math.Max(Math.Abs(curve.Slope(current)), 1e-9);
            current += gain * error / slope;
        }
        return new ProgramResult(read, maxIterations, false);
    }

    /// <summary>
    /// Any model: SET pulses while the (noisy) read is below target − tolerance, RESET pulses while above
    /// target + tolerance, up to <paramref name="maxPulses"/>. For abrupt-RESET devices (PCM, n-level) a RESET
    /// returns to the bottom and SET pulses climb again.
    /// </summary>
    public static ProgramResult WithPulses(
        DeviceArray devices, int device, double target, double tolerance, int maxPulses, ref CounterRng rng)
    {
        double read = devices.ReadNoisy(device, ref rng);
        for (int p = 0; p < maxPulses; p++)
        {
            if (Math.Abs(read - target) <= tolerance)
            {
                return new ProgramResult(read, p, true);
            }
            if (devices.IsWornOut(device))
            {
                return new ProgramResult(read, p, false);
            }
            if (read < target)
            {
                devices.ApplySet(device, 1);
            }
            else
            {
                devices.ApplyReset(device, 1);
            }
            read = devices.ReadNoisy(device, ref rng);
        }
        return new ProgramResult(read, maxPulses, Math.Abs(read - target) <= tolerance);
    }
}
