using System.CommandLine;

namespace Crossbar.Cli.Commands;

public static class DataCommand
{
    public static Command Create()
    {
        var command = new Command("data", "TODO");
        command.SetAction(_ => 0);
        return command;
    }
}
