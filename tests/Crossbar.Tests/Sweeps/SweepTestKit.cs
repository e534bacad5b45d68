using System.Collections.Concurrent;
using System.Globalization;
using Crossbar.Output;
using Crossbar.Sweeps;

namespace Crossbar.Tests.Sweeps;

/// <summary>A temporary folder per test, and a fast fake runner whose numbers depend only on the point's config.</summary>
public sealed class SweepTestKit : IDisposable
{
    public const string TwoKeys = """
        name: fake
        experiment:
          name: fake
          seed: 10
          training: {epochs: 1}
        grid:
          training.learning_rate: {log_range: [1e-3, 1e-1], points: 3}
          network.layers: [[784, 200, 10], [784, 300, 100, 10]]
        repeats: 2
        """;

    public SweepTestKit() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "crossbar-sweep-tests", Guid.NewGuid().ToString("N"));

    public string Dir(string name) => Path.Combine(Root, name);

    public static SweepPlan Plan(string yaml = TwoKeys, IEnumerable<string>? overrides = null) =>
        SweepFile.Parse(yaml, "sweep.yaml", Path.GetTempPath(), overrides).Expand();

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("CROSSBAR_KEEP_TEST_DIRS") is not null)
        {
            return;
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Writes a file into the run folder and returns numbers computed from the config; counts its calls.</summary>
public sealed class FakeRunner
{
    private int _calls;

    /// <summary>Throw on this call (1-based), as if the process died while running that point.</summary>
    public int? FailOnCall { get; init; }

    /// <summary>Cancel this source when this many calls have returned.</summary>
    public (CancellationTokenSource Source, int AfterCalls)? CancelAfter { get; init; }

    public int Calls => _calls;

    public ConcurrentBag<string> Ran { get; } = [];

    public RunSummary Run(SweepRunContext context, CancellationToken cancel)
    {
        int call = Interlocked.Increment(ref _calls);
        if (call == FailOnCall)
        {
            File.WriteAllText(Path.Combine(context.RunDir, "half-written.csv"), "examples,acc\n1,");
            throw new IOException($"simulated crash on call {call}");
        }
        var c = context.Point.Config;
        File.WriteAllText(Path.Combine(context.RunDir, "config.txt"), c.Training.LearningRate.ToString(CultureInfo.InvariantCulture));
        double acc = 0.9 - 0.05 * Math.Abs(Math.Log10(c.Training.LearningRate) + 2) - 0.01 * (c.Network.Layers.Length - 3) + 0.001 * (c.Seed % 7);
        var summary = new RunSummary
        {
            ["name"] = c.Name,
            ["seed"] = c.Seed,
            ["test_accuracy"] = acc,
            ["best_test_accuracy"] = acc + 0.002,
            ["examples"] = 1000L * c.Training.Epochs,
            ["wall_seconds"] = 0.25,
        };
        Ran.Add(context.Point.Id);
        if (CancelAfter is { } ca && call >= ca.AfterCalls)
        {
            ca.Source.Cancel();
        }
        return summary;
    }
}
