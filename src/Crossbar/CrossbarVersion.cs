using System.Reflection;

namespace Crossbar;

/// <summary>
/// The library's version and the git commit it was built from ("1.0.0+&lt;sha&gt;", as the SDK stamps it), written into
/// every run's summary.json so a committed result says which code made it.
/// </summary>
public static class CrossbarVersion
{
    public static string Current { get; } =
        typeof(CrossbarVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(CrossbarVersion).Assembly.GetName().Version?.ToString()
        ?? "unknown";
}
