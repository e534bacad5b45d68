using System.CommandLine;
using Crossbar.Experiments.Reproduce;

namespace Crossbar.Cli.Commands;

/// <summary>
/// <c>crossbar reproduce ID</c>: runs a paper figure's sweeps (resumably), draws it in the paper's layout and writes
/// REPORT.md with the paper's numbers beside ours; <c>crossbar reproduce --list</c> lists the figures.
/// </summary>
public static class ReproduceCommand
{
    public static Command Create()
    {
        var id = new Argument<string?>("id") { Description = "Figure id, e.g. lim-fig8 (see --list).", Arity = ArgumentArity.ZeroOrOne };
        var list = new Option<bool>("--list") { Description = "List the figures and exit." };
        var quick = new Option<bool>("--quick") { Description = "Reduced variant (data subset, fewer evaluations): a smoke test in under two minutes." };
        var outDir = new Option<string?>("--out")
        {
            Description = "Output folder (default: experiments/<short name>/reproduce-<id>/, or runs/reproduce/<id>-quick/ with --quick).",
        };
        var data = CommonOptions.Data();
        var parallel = new Option<int?>("--parallel", "-j") { Description = "Points run at once (default: the number of cores)." };
        var set = CommonOptions.Set();
        set.Description = "Override a value of every sweep's base experiment, after --quick's (repeatable; values are YAML).";
        var quiet = CommonOptions.Quiet();
        var command = new Command("reproduce",
            "Reproduce a paper figure: run its sweeps (resumable), draw it (SVG + PNG) and write REPORT.md, paper vs ours.")
        {
            id, list, quick, outDir, data, parallel, set, quiet,
        };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            if (parse.GetValue(list))
            {
                foreach (var f in ReproduceRegistry.All)
                {
                    stdout.WriteLine($"{f.Id,-12} {f.Title}  [{f.Paper}; {string.Join(", ", f.Sweeps.Select(s => s.File).Distinct())}]");
                }
                return 0;
            }
            string name = parse.GetValue(id) ?? throw new CrossbarException("reproduce: give a figure id (e.g. lim-fig8) or --list");
            if (parse.GetValue(parallel) is < 1)
            {
                throw new CrossbarException($"--parallel {parse.GetValue(parallel)}: must be at least 1");
            }
            var figure = ReproduceRegistry.Find(name);
            ReproduceOutcome outcome;
            using (var progress = new ConsoleProgress(stdout, parse.GetValue(quiet)))
            {
                outcome = ReproduceRunner.Run(figure, new ReproduceOptions
                {
                    Quick = parse.GetValue(quick),
                    OutputDir = parse.GetValue(outDir),
                    DataFolder = parse.GetValue(data),
                    Parallel = parse.GetValue(parallel),
                    Overrides = parse.GetValue(set) ?? [],
                    Progress = progress,
                });
            }
            stdout.WriteLine($"{figure.Id}: {outcome.Ran} of {outcome.Total} run(s) run now, {outcome.ElapsedSeconds:F1} s -> {outcome.ReportFile}, {outcome.PlotFile}.svg");
            return 0;
        });
        return command;
    }
}
