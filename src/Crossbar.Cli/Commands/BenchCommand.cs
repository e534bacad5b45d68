using System.CommandLine;

namespace Crossbar.Cli.Commands;

public static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "TODO");
        command.SetAction(_ => 0);
        return command;
    }
}
