using System.CommandLine;
using Crossbar.Config;
using Crossbar.Devices;

namespace Crossbar.Cli.Commands;

/// <summary>
/// <c>crossbar device FILE</c>: applies N SET then N RESET pulses to M simulated devices of the file's <c>device</c>
/// section and writes response.csv, summary.json, the jump table / programming curve / time response where they
/// apply, and plots.
/// </summary>
public static class DeviceCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Experiment file with a device section, e.g. experiments/devices/exponential.yaml" };
        var set = CommonOptions.Set();
        var outDir = CommonOptions.Out();
        var devices = new Option<int>("--devices")
        {
            Description = "Number of simulated devices M.",
            DefaultValueFactory = _ => 1000,
        };
        var pulses = new Option<int>("--pulses")
        {
            Description = "Pulses N per phase (potentiation, then depression); 0 = enough to sweep the model's window.",
            DefaultValueFactory = _ => 0,
        };
        var command = new Command("device",
            "Characterise a device model: conductance vs pulse number (median, ±1σ) for potentiation and depression, " +
            "jump-table heat maps, PCM programming curve; writes CSV, summary.json and plots.")
        {
            file, set, outDir, devices, pulses,
        };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            string path = parse.GetValue(file)!;
            var (config, _) = ExperimentLoader.Load(path, parse.GetValue(set));
            if (config.Device is null)
            {
                throw new CrossbarException($"{path}: no 'device' section; add e.g. 'device: {{model: exponential}}'");
            }
            string dir = parse.GetValue(outDir) ?? config.Output.Dir ?? Path.Combine("runs", config.Name);
            int n = parse.GetValue(pulses);
            if (n <= 0)
            {
                n = DeviceResponse.DefaultPulses(config.Device);
            }
            string? baseDir = Path.GetDirectoryName(Path.GetFullPath(path));
            var report = DeviceReport.Write(config, dir, parse.GetValue(devices), n, baseDir);
            var r = report.Response;
            var pot = r.Points.Where(p => p.Phase == "potentiation").ToList();
            stdout.WriteLine(
                $"{config.Name}: {config.Device.ModelName}, {r.Devices.Count} devices × {n} SET + {n} RESET pulses; " +
                $"median G {pot[0].Median:G4} → {pot[^1].Median:G4}; energy {r.Devices.EnergyPj / 1e3:G4} nJ; " +
                $"{(r.Seconds > 0 ? r.PulsesApplied / r.Seconds / 1e6 : 0):F1} M pulses/s -> {dir}");
            foreach (var f in report.Files)
            {
                stdout.WriteLine($"  {Path.GetFileName(f)}");
            }
            return 0;
        });
        return command;
    }
}
