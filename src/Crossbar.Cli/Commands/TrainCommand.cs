using System.CommandLine;

namespace Crossbar.Cli.Commands;

public static class TrainCommand
{
    public static Command Create()
    {
        var command = new Command("train", "TODO");
        command.SetAction(_ => 0);
        return command;
    }
}
