using System.Text.Json.Nodes;
using Crossbar.Data;
using Crossbar.Numerics;
using Crossbar.Training;

namespace Crossbar.Tests.Training;

/// <summary>Helpers of the checkpoint tests: a run folder's outputs less wall-clock values, tiny data, interruption.</summary>
internal static class RunOutputs
{
    /// <summary>summary.json keys that measure time, not results.</summary>
    private static readonly string[] WallKeys = ["examples_per_second", "train_seconds", "wall_seconds"];

    /// <summary>
    /// Every output of a finished run folder as text, less wall-clock values: metrics.csv without its wall_seconds
    /// column, summary.json without the timing keys, model.cbm and safety_margin.csv byte for byte (as hex).
    /// </summary>
    public static Dictionary<string, string> Comparable(string dir)
    {
        Assert.False(File.Exists(Path.Combine(dir, "checkpoint.cbc")), $"{dir}: the checkpoint is deleted when the run completes");
        var files = new Dictionary<string, string>();
        var metrics = File.ReadAllLines(Path.Combine(dir, "metrics.csv"));
        int wall = Array.IndexOf(metrics[0].Split(','), "wall_seconds");
        Assert.True(wall >= 0);
        files["metrics.csv"] = string.Join('\n', metrics.Select(l => string.Join(',', l.Split(',').Where((_, i) => i != wall))));
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")))!.AsObject();
        foreach (var k in WallKeys)
        {
            Assert.True(summary.Remove(k), k);
        }
        files["summary.json"] = summary.ToJsonString();
        foreach (var f in new[] { "model.cbm", "safety_margin.csv" })
        {
            string path = Path.Combine(dir, f);
            if (File.Exists(path))
            {
                files[f] = Convert.ToHexString(File.ReadAllBytes(path));
            }
        }
        return files;
    }

    public static void AssertSame(string expectedDir, string actualDir)
    {
        var expected = Comparable(expectedDir);
        var actual = Comparable(actualDir);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, text) in expected)
        {
            Assert.True(text == actual[name], $"{name} differs between {expectedDir} and {actualDir}");
        }
    }

    /// <summary>
    /// Learnable data of <paramref name="features"/> pixels in [0, 1]: each class brightens its own band of pixels,
    /// with noise from the counter-based RNG.
    /// </summary>
    public static DataSplit Clusters(int features, int classes, int train, int test)
    {
        Dataset Make(string name, int count, ulong stream)
        {
            var rng = CounterRng.ForStream(7, "test-clusters", stream);
            var x = new float[count * features];
            var y = new byte[count];
            for (int i = 0; i < count; i++)
            {
                y[i] = (byte)(i * 7 % classes);
                for (int j = 0; j < features; j++)
                {
                    float centre = j * classes / features == y[i] ? 0.8f : 0.1f;
                    x[i * features + j] = Math.Clamp(centre + 0.2f * (rng.NextFloat() - 0.5f), 0f, 1f);
                }
            }
            return new Dataset(name, x, y, features, classes);
        }
        return new DataSplit(Make("train", train, 0), Make("test", test, 1), $"clusters {features}×{classes}");
    }

    /// <summary>A progress sink that cancels the run once epoch <paramref name="epoch"/> has ended (its checkpoint follows at once).</summary>
    public sealed class CancelAfterEpoch(int epoch, CancellationTokenSource cancel) : IProgressSink
    {
        public void Report(long done, long total, string status) { }

        public void Message(string line)
        {
            if (line.StartsWith($"epoch {epoch,3}/", StringComparison.Ordinal))
            {
                cancel.Cancel();
            }
        }
    }
}
