using System.CommandLine;
using Crossbar.Config;
using Crossbar.Experiments;

namespace Crossbar.Cli.Commands;

/// <summary><c>crossbar train FILE</c>: runs one experiment file and writes its run folder.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Experiment file (YAML), e.g. experiments/baseline/mnist-784-200-10.yaml" };
        var set = CommonOptions.Set();
        var outDir = CommonOptions.Out();
        var data = CommonOptions.Data();
        var quiet = CommonOptions.Quiet();
        var resume = new Option<bool>("--resume")
        {
            Description = "Continue from OUT/checkpoint.cbc, written at every epoch end (a run into a folder holding one resumes even without " +
                          "this flag); with none, a completed run of the same configuration in OUT is left as it is, else training starts afresh.",
        };
        var command = new Command("train",
            "Train a network as an experiment file describes; writes config.yaml, metrics.csv, summary.json, model.cbm and plots. " +
            "A checkpoint (OUT/checkpoint.cbc) is kept while training, so a killed run continues with --resume to the same results.")
        {
            file, set, outDir, data, quiet, resume,
        };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            string path = parse.GetValue(file)!;
            var (config, _) = ExperimentLoader.Load(path, parse.GetValue(set));
            string dir = TrainingRun.ResolveOutputDir(config, parse.GetValue(outDir));
            using var progress = new ConsoleProgress(stdout, parse.GetValue(quiet));
            var summary = TrainingRun.Execute(config, dir, parse.GetValue(data), path, progress, resume: parse.GetValue(resume));
            stdout.WriteLine(
                $"{config.Name}: test accuracy {summary.GetDouble("test_accuracy"):P2} (best {summary.GetDouble("best_test_accuracy"):P2}), " +
                $"{summary.GetDouble("examples_per_second"):N0} examples/s, {summary.GetDouble("wall_seconds"):F1} s wall -> {dir}");
            return 0;
        });
        return command;
    }
}
