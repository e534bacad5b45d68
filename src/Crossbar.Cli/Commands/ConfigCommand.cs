using System.CommandLine;

namespace Crossbar.Cli.Commands;

public static class ConfigCommand
{
    public static Command Create()
    {
        var command = new Command("config", "TODO");
        command.SetAction(_ => 0);
        return command;
    }
}
