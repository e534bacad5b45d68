namespace Crossbar.Persistence;

/// <summary>
/// One payload of a model file: a named rows×cols array of one kind — <c>float32</c> (network weights, row-major by
/// input, bias row last) or <c>device_state</c> (per-device float64 values of an analog layer: conductances, drift
/// exponents, factors X, clocks; rows = device planes, cols = synapses of a plane).
/// </summary>
public sealed class ModelSection
{
    public const string Float32 = "float32";
    public const string DeviceState = "device_state";

    private ModelSection(string name, string kind, int rows, int cols, float[]? floats, double[]? doubles)
    {
        if (rows < 0 || cols < 0 || (long)rows * cols != (floats?.Length ?? doubles!.Length))
        {
            throw new ArgumentException($"section {name}: {rows}×{cols} does not match its {(floats?.Length ?? doubles!.Length)} values");
        }
        Name = name;
        Kind = kind;
        Rows = rows;
        Cols = cols;
        Floats = floats;
        Doubles = doubles;
    }

    public static ModelSection OfFloats(string name, int rows, int cols, float[] values) => new(name, Float32, rows, cols, values, null);

    public static ModelSection OfDeviceState(string name, int rows, int cols, double[] values) => new(name, DeviceState, rows, cols, null, values);

    public string Name { get; }

    public string Kind { get; }

    public int Rows { get; }

    public int Cols { get; }

    /// <summary>Payload of a float32 section.</summary>
    public float[]? Floats { get; }

    /// <summary>Payload of a device_state section.</summary>
    public double[]? Doubles { get; }

    /// <summary>Bytes per element of a kind, or 0 for an unknown kind.</summary>
    public static int ElementSize(string kind) => kind switch
    {
        Float32 => 4,
        DeviceState => 8,
        _ => 0,
    };
}
