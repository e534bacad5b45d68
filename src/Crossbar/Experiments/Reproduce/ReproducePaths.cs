namespace Crossbar.Experiments.Reproduce;

/// <summary>Finds the repository root the figures' sweep files are relative to.</summary>
public static class ReproducePaths
{
    /// <summary>The nearest folder, from the working directory up (then from the program's folder up), holding the figure's first sweep file.</summary>
    public static string FindRoot(ReproduceFigure figure)
    {
        string probe = figure.Sweeps[0].File;
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, probe)))
                {
                    return d.FullName;
                }
            }
        }
        throw new CrossbarException($"{probe}: not found in the working directory or above; run crossbar reproduce from the repository");
    }

    /// <summary>A sweep's file, relative to the working directory where possible (for readable records).</summary>
    public static string SweepPath(string root, FigureSweep sweep)
    {
        string full = Path.GetFullPath(Path.Combine(root, sweep.File));
        if (!File.Exists(full))
        {
            throw new CrossbarException($"{sweep.File}: sweep file not found under {root}");
        }
        return Path.GetRelativePath(Environment.CurrentDirectory, full);
    }
}
