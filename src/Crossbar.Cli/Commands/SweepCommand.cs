using System.CommandLine;
using Crossbar.Sweeps;

namespace Crossbar.Cli.Commands;

/// <summary>
/// <c>crossbar sweep FILE</c>: runs a grid of experiments in parallel, resumably; <c>crossbar sweep merge</c> joins the
/// output folders of shards run elsewhere.
/// </summary>
public static class SweepCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Sweep file (YAML), e.g. experiments/sweeps/baseline-lr.yaml" };
        var set = CommonOptions.Set();
        set.Description = "Override a value of the base experiment, e.g. --set training.epochs=2 (repeatable; values are YAML).";
        var outDir = new Option<string?>("--out") { Description = "Output folder (default: output: of the sweep file, or runs/sweeps/<name>)." };
        var data = CommonOptions.Data();
        var parallel = new Option<int?>("--parallel", "-j") { Description = "Points run at once (default: parallel: of the file, or the number of cores)." };
        var shard = new Option<string?>("--shard")
        {
            Description = "Run only part i of n (e.g. 2/3): points whose index mod n is i-1. Merge the parts with 'crossbar sweep merge'.",
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "List the points (and which are done) without running anything." };
        var quiet = CommonOptions.Quiet();
        var command = new Command("sweep",
            "Run an experiment over a grid of config values × seeds, in parallel; resumable, results in results.csv and aggregate.csv.")
        {
            file, set, outDir, data, parallel, shard, dryRun, quiet,
        };
        command.Subcommands.Add(Merge());
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var shardSpec = parse.GetValue(shard) is { } s ? ShardSpec.Parse(s) : ShardSpec.All;
            if (parse.GetValue(parallel) is < 1)
            {
                throw new CrossbarException($"--parallel {parse.GetValue(parallel)}: must be at least 1");
            }
            var plan = SweepFile.Load(parse.GetValue(file)!, parse.GetValue(set));
            var options = new SweepOptions
            {
                OutputDir = parse.GetValue(outDir),
                Parallel = parse.GetValue(parallel),
                Shard = shardSpec,
                DataFolder = parse.GetValue(data),
            };
            if (parse.GetValue(dryRun))
            {
                DryRun(stdout, plan, options);
                return 0;
            }
            SweepOutcome outcome;
            using (var progress = new ConsoleProgress(stdout, parse.GetValue(quiet)))
            {
                outcome = SweepEngine.Run(plan, options, progress: progress);
            }
            stdout.WriteLine(
                $"sweep {plan.Name}: {outcome.Ran} point(s) run, {outcome.AlreadyDone} already done" +
                $"{(shardSpec.Count > 1 ? $" (shard {shardSpec}: {outcome.InShard} of {outcome.Total} points)" : $" ({outcome.Total} points)")}" +
                $" -> {outcome.ResultsFile}");
            return 0;
        });
        return command;
    }

    private static void DryRun(TextWriter w, SweepPlan plan, SweepOptions options)
    {
        string dir = SweepEngine.OutputDir(plan, options);
        var done = SweepEngine.LoadMarkers(plan, dir);
        var shard = plan.ForShard(options.Shard);
        w.WriteLine($"sweep {plan.Name}: {plan.Points.Count} points ({plan.Points.Count / plan.Definition.Seeds.Count} grid combinations × " +
                    $"{plan.Definition.Seeds.Count} seed(s)){(options.Shard.Count > 1 ? $", shard {options.Shard}: {shard.Count}" : "")} -> {dir}");
        foreach (var p in shard)
        {
            string status = done.ContainsKey(p.Id) ? "done"
                : Directory.Exists(SweepEngine.PointDir(dir, p)) ? "partial" : "pending";
            string values = string.Join("  ", p.Assignments.Select(a => $"{a.Key}={a.Compact}"));
            w.WriteLine($"{p.Index,5}  {status,-7}  {values}{(values.Length > 0 ? "  " : "")}seed={p.Seed}  points/{p.Id}");
        }
        int pending = shard.Count(p => !done.ContainsKey(p.Id));
        w.WriteLine($"{shard.Count - pending} done, {pending} to run");
    }

    private static Command Merge()
    {
        var output = new Argument<string>("out") { Description = "Folder to merge into (created if needed; may be one of the parts)." };
        var parts = new Argument<string[]>("dirs") { Description = "Output folders of the shards.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("merge", "Join the output folders of a sweep's shards into one and rebuild results.csv and aggregate.csv.")
        {
            output, parts,
        };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var outcome = SweepMerge.Merge(parse.GetValue(output)!, parse.GetValue(parts)!);
            stdout.WriteLine($"merged {outcome.Copied} point folder(s) into {outcome.OutputDir}: {outcome.Done} of {outcome.Total} points done" +
                             (outcome.Missing.Count > 0 ? $", {outcome.Missing.Count} missing (e.g. {outcome.Missing[0]})" : ""));
            return 0;
        });
        return command;
    }
}
