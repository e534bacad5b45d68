using System.Diagnostics;
using Crossbar.Config;
using Crossbar.Numerics;
using Crossbar.Tiles;

namespace Crossbar.Benchmarks;

/// <summary>Per-example cost of one analog tile: forward, backward and a sparse pulse update.</summary>
public readonly record struct TileRate(string Model, int Rows, int Columns, int Examples, double Seconds, double CpuSeconds,
                                      double ForwardUs, double BackwardUs, double UpdateUs, long Pulses)
{
    public double ExamplesPerSecond => Examples / Seconds;

    public override string ToString() =>
        $"{Model,-22} tile {Rows}×{Columns}: {ExamplesPerSecond,9:N0} examples/s (forward {ForwardUs:F1} µs, backward {BackwardUs:F1} µs, " +
        $"update {UpdateUs:F1} µs, {Pulses / (double)Examples:F0} pulses/example), {CpuSeconds:F2} s cpu of {Seconds:F2} s";
}

/// <summary>
/// Times a 785×200 tile (784 inputs + bias, as 002's first layer) per training example: forward with ~20 % non-zero
/// inputs (MNIST-like), backward, and <see cref="AnalogTile.ApplyPulses"/> on the synapses of active inputs whose
/// error exceeds a threshold (≈ 2 % of synapses), advancing the clock each example.
/// </summary>
public static class TileBenchmark
{
    public static TileRate Run(DeviceConfig device, string name, int inputs = 784, int outputs = 200, double seconds = 1.0)
    {
        var tile = new AnalogTile(inputs, outputs, true, device, new TileConfig(), 1);
        var rng = CounterRng.ForStream(1, "tile-bench");
        const int patterns = 64;
        var xs = new float[patterns][];
        var ds = new float[patterns][];
        for (int p = 0; p < patterns; p++)
        {
            xs[p] = new float[inputs];
            for (int i = 0; i < inputs; i++)
            {
                xs[p][i] = rng.NextInt(5) == 0 ? rng.NextFloat() : 0f;
            }
            ds[p] = new float[outputs];
            for (int j = 0; j < outputs; j++)
            {
                ds[p][j] = (rng.NextFloat() - 0.5f) * 0.2f;
            }
        }
        var y = new float[outputs];
        var back = new float[inputs];
        long pulsesBefore = tile.Devices.TotalSetPulses + tile.Devices.TotalResetPulses;
        var fw = new Stopwatch();
        var bw = new Stopwatch();
        var up = new Stopwatch();
        int examples = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            var x = xs[examples % patterns];
            var d = ds[examples % patterns];
            fw.Start();
            tile.Forward(x, y);
            fw.Stop();
            bw.Start();
            tile.Backward(d, back);
            bw.Stop();
            up.Start();
            for (int i = 0; i < inputs; i++)
            {
                if (x[i] <= 0.5f)
                {
                    continue;
                }
                for (int j = 0; j < outputs; j++)
                {
                    float s = x[i] * d[j];
                    if (s > 0.085f)
                    {
                        tile.ApplyPulses(i, j, 1, 0);
                    }
                    else if (s < -0.085f)
                    {
                        tile.ApplyPulses(i, j, 0, 1);
                    }
                }
            }
            up.Stop();
            tile.AdvanceExample();
            examples++;
        }
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        long pulses = tile.Devices.TotalSetPulses + tile.Devices.TotalResetPulses - pulsesBefore;
        return new TileRate(name, tile.Rows, tile.Columns, examples, watch.Elapsed.TotalSeconds, cpuSeconds,
            fw.Elapsed.TotalMicroseconds / examples, bw.Elapsed.TotalMicroseconds / examples, up.Elapsed.TotalMicroseconds / examples, pulses);
    }
}
