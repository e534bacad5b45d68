namespace Crossbar.Devices;

/// <summary>Reused buffers of the scattered pulse kernel (one set per device array: no allocation per call).</summary>
internal sealed class ScatterScratch(int size)
{
    public int[] Device { get; } = new int[size];

    public int[] Next { get; } = new int[size];

    public int[] Left { get; } = new int[size];

    /// <summary>Pulses a device had left before the present round.</summary>
    public int[] Count { get; } = new int[size];

    public double[] G { get; } = new double[size];

    public ulong[] Words { get; } = new ulong[size];
}
