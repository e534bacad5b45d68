namespace Crossbar.Cli;

/// <summary>Prints user errors as one line (no stack trace) and maps them to exit code 2.</summary>
public static class CliErrors
{
    public const int UserError = 2;

    public static int Guard(Func<int> action, TextWriter stderr)
    {
        try
        {
            return action();
        }
        catch (CrossbarException e)
        {
            stderr.WriteLine($"error: {OneLine(e.Message)}");
            return UserError;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("error: cancelled");
            return 130;
        }
        catch (UnauthorizedAccessException e)
        {
            stderr.WriteLine($"error: {OneLine(e.Message)}");
            return UserError;
        }
    }

    private static string OneLine(string s) => s.ReplaceLineEndings(" ");
}
