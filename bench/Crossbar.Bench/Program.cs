using Crossbar.Benchmarks;
using Config = Crossbar.Config;

namespace Crossbar.Bench;

/// <summary>
/// Stand-alone benchmark runner: <c>dotnet run -c Release --project bench/Crossbar.Bench -- devices [seconds] [model ...]</c>.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "tile")
        {
            Console.WriteLine(TileBenchmark.Run(new Config.JumpTableDeviceConfig { Table = "builtin:pcmo" }, "jump_table(pcmo)"));
            Console.WriteLine(TileBenchmark.Run(new Config.ExponentialDeviceConfig(), "exponential(β=2)"));
            Console.WriteLine(TileBenchmark.Run(new Config.ExponentialDeviceConfig { Drift = new() { Nu = 0.05 } }, "exponential+drift"));
            return 0;
        }
        if (args.Length == 0 || args[0] != "devices")
        {
            Console.WriteLine("usage: Crossbar.Bench devices [seconds] [model-substring ...] | tile");
            return args.Length == 0 ? 0 : 1;
        }
        double seconds = args.Length > 1 && double.TryParse(args[1], System.Globalization.CultureInfo.InvariantCulture, out double s) ? s : 1.0;
        string[]? models = args.Length > 2 ? args[2..] : null;
        Console.WriteLine($"device pulses per second, one thread ({Environment.ProcessorCount} logical CPUs visible)");
        foreach (var r in DeviceBenchmark.Run(seconds: seconds, models: models))
        {
            Console.WriteLine(r);
        }
        return 0;
    }
}
