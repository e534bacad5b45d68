using Crossbar.Cli;
using Crossbar.Sweeps;

namespace Crossbar.Tests.Sweeps;

public class SweepCommandTests
{
    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string WriteSweep(SweepTestKit kit, string yaml = SweepTestKit.TwoKeys)
    {
        string path = kit.Dir("s.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void Dry_run_lists_the_points_of_a_shard()
    {
        using var kit = new SweepTestKit();
        var (code, output, err) = Cli("sweep", WriteSweep(kit), "--dry-run", "--shard", "2/3", "--out", kit.Dir("out"), "--set", "training.epochs=2");
        Assert.Equal(0, code);
        Assert.Equal("", err);
        Assert.Contains("12 points (6 grid combinations × 2 seed(s)), shard 2/3: 4", output);
        Assert.Contains("    1  pending  training.learning_rate=0.001  network.layers=784-200-10  seed=11", output);
        Assert.Contains("0 done, 4 to run", output);
        Assert.False(Directory.Exists(kit.Dir("out")));
    }

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("x")]
    public void Bad_shard_is_a_one_line_error(string shard)
    {
        using var kit = new SweepTestKit();
        var (code, _, err) = Cli("sweep", WriteSweep(kit), "--shard", shard);
        Assert.Equal(CliErrors.UserError, code);
        Assert.StartsWith("error: --shard", err);
        Assert.Single(err.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Unknown_grid_key_is_a_one_line_error_naming_file_and_key()
    {
        using var kit = new SweepTestKit();
        string path = WriteSweep(kit, "experiment: {name: x}\ngrid:\n  training.learnig_rate: [0.1]\n");
        var (code, _, err) = Cli("sweep", path, "--dry-run");
        Assert.Equal(CliErrors.UserError, code);
        Assert.Contains("s.yaml:3: grid.training.learnig_rate: unknown key", err);
        Assert.Single(err.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Merge_joins_shard_folders()
    {
        using var kit = new SweepTestKit();
        var plan = SweepFile.Load(WriteSweep(kit));
        for (int i = 1; i <= 2; i++)
        {
            SweepEngine.Run(plan, new SweepOptions { OutputDir = kit.Dir($"p{i}"), Shard = new ShardSpec(i, 2), Parallel = 1 }, new FakeRunner().Run);
        }
        var (code, output, err) = Cli("sweep", "merge", kit.Dir("all"), kit.Dir("p1"), kit.Dir("p2"));
        Assert.Equal(0, code);
        Assert.Equal("", err);
        Assert.Contains("12 of 12 points done", output);
        Assert.Equal(13, File.ReadAllLines(Path.Combine(kit.Dir("all"), SweepResults.ResultsFile)).Length);
        var (_, dry, _) = Cli("sweep", WriteSweep(kit), "--dry-run", "--out", kit.Dir("all"));
        Assert.Contains("12 done, 0 to run", dry);
    }

    [Fact]
    public void Merge_of_a_folder_that_is_not_a_sweep_is_a_one_line_error()
    {
        using var kit = new SweepTestKit();
        var (code, _, err) = Cli("sweep", "merge", kit.Dir("out"), kit.Dir("missing"));
        Assert.Equal(CliErrors.UserError, code);
        Assert.Contains("not a sweep output folder", err);
    }
}
