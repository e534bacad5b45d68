using Crossbar.Config;

namespace Crossbar.Devices;

/// <summary>
/// The mean conductance change of one SET pulse, measured on a small population of fresh devices from their reset
/// state up to the middle of their window — the "device granularity" that rules working in weight units need
/// (ε of 004 Fig. 5a; B of 003 Eq. 4). Measured rather than derived so that it holds for every model alike.
/// </summary>
public static class DeviceStep
{
    public static double MeanSetStep(DeviceConfig config, ulong seed, string? baseDirectory = null, int devices = 256)
    {
        var array = DeviceFactory.Create(config, devices, seed ^ 0x5EED5EEDUL, baseDirectory);
        double total = 0;
        long pulses = 0;
        for (int d = 0; d < devices; d++)
        {
            double lo = array.Min(d), hi = array.Max(d);
            double start = array.PresentNominal(d);
            double mid = lo + 0.5 * (hi - lo);
            int n = 0;
            while (array.PresentNominal(d) < mid && n < 100_000)
            {
                array.ApplySet(d, 1);
                n++;
            }
            total += array.PresentNominal(d) - start;
            pulses += n;
        }
        if (pulses == 0 || !(total > 0))
        {
            throw new CrossbarException($"device.model {config.ModelName}: SET pulses do not raise the conductance, so no pulse size can be measured");
        }
        return total / pulses;
    }
}
