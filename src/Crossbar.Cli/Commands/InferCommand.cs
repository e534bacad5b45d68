using System.CommandLine;
using Crossbar.Config;
using Crossbar.Experiments;
using Crossbar.Inference;

namespace Crossbar.Cli.Commands;

/// <summary><c>crossbar infer FILE</c>: maps a trained network onto analog tiles and runs the file's inference studies.</summary>
public static class InferCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Experiment file with an inference section, e.g. experiments/sebastian-computational-memory/drift.yaml" };
        var model = new Option<string?>("--model")
        {
            Description = "Trained model file (model.cbm of crossbar train); default: inference.model, else train one inline from the file.",
        };
        var plotsOnly = new Option<bool>("--plots-only")
        {
            Description = "Only redraw the plots from the CSVs already in --out (no mapping, no evaluation).",
        };
        var set = CommonOptions.Set();
        var outDir = CommonOptions.Out();
        var data = CommonOptions.Data();
        var quiet = CommonOptions.Quiet();
        var command = new Command("infer",
            "Map a trained network onto analog tiles and run the inference studies (drift over time, on/off-chip variation, noisy inputs); writes CSV, plots and summary.json.")
        {
            file, model, plotsOnly, set, outDir, data, quiet,
        };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            string path = parse.GetValue(file)!;
            var (config, _) = ExperimentLoader.Load(path, parse.GetValue(set));
            string dir = TrainingRun.ResolveOutputDir(config, parse.GetValue(outDir));
            if (parse.GetValue(plotsOnly))
            {
                var files = InferencePlots.Write(dir, config.Name);
                stdout.WriteLine(files.Count == 0 ? $"no study CSVs in {dir}" : string.Join(Environment.NewLine, files));
                return 0;
            }
            using var progress = new ConsoleProgress(stdout, parse.GetValue(quiet));
            var summary = InferenceRun.Execute(config, dir, parse.GetValue(data), parse.GetValue(model), path, progress);
            stdout.WriteLine(
                $"{config.Name}: float test accuracy {summary.GetDouble("float_test_accuracy"):P2}, " +
                $"{summary.GetDouble("wall_seconds"):F1} s wall -> {dir}");
            return 0;
        });
        return command;
    }
}
