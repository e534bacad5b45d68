namespace Crossbar.Bench;

/// <summary>
/// Stand-alone benchmark runner (same suites as <c>crossbar bench</c>): <c>dotnet run -c Release --project bench/Crossbar.Bench -- [suite]</c>.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        Console.WriteLine("use: dotnet run -c Release --project src/Crossbar.Cli -- bench --help");
        return args.Length == 0 ? 0 : 1;
    }
}
