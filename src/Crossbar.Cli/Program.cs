using System.CommandLine;
using Crossbar.Cli.Commands;

namespace Crossbar.Cli;

public static class Program
{
    public static int Main(string[] args) => Run(args);

    /// <summary>Entry point shared with tests: parses, runs, and turns user errors into one line and exit code 2.</summary>
    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        var root = BuildRoot();
        var config = new InvocationConfiguration
        {
            Output = stdout ?? Console.Out,
            Error = stderr ?? Console.Error,
            EnableDefaultExceptionHandler = false,
        };
        return CliErrors.Guard(() => root.Parse(args).Invoke(config), stderr ?? Console.Error);
    }

    public static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "crossbar: train and run neural networks whose weights live in analog non-volatile-memory crossbar arrays.");
        foreach (var command in Commands())
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    private static IEnumerable<Command> Commands()
    {
        yield return TrainCommand.Create();
        yield return DataCommand.Create();
        yield return BenchCommand.Create();
        yield return ConfigCommand.Create();
        yield return DeviceCommand.Create();
        yield return InferCommand.Create();
        yield return EvalCommand.Create();
        yield return ImportCommand.Create();
        yield return ExportCommand.Create();
        yield return SweepCommand.Create();
        yield return ReproduceCommand.Create();
    }
}
