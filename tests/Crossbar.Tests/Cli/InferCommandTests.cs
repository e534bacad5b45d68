using System.Text.Json.Nodes;

namespace Crossbar.Tests.Cli;

public class InferCommandTests
{
    private const string Network = """
        name: tiny
        network:
          layers: [784, 24, 10]
          hidden_activation: {kind: sigmoid}
        training:
          epochs: 2
          learning_rate: 0.1
        output: {plots: false}
        """;

    private static (string Dir, string Data, string Model) Trained()
    {
        string dir = CliHarness.TempDir();
        string data = TrainCommandTests.SyntheticData(dir);
        string file = Path.Combine(dir, "train.yaml");
        File.WriteAllText(file, Network);
        var r = CliHarness.Run("train", file, "--data", data, "--out", Path.Combine(dir, "train"), "-q");
        Assert.True(r.Exit == 0, r.Err);
        return (dir, data, Path.Combine(dir, "train", "model.cbm"));
    }

    private static string InferFile(string dir, string inference, string network = Network)
    {
        string file = Path.Combine(dir, $"infer-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(file, network + "\ninference:\n" + inference);
        return file;
    }

    [Fact]
    public void Model_saved_by_train_runs_every_study()
    {
        var (dir, data, model) = Trained();
        string file = InferFile(dir, """
              repeats: 2
              pcm_noise: {}
              hardware_aware: {weight_noise: 0.05, clip: 2.5, epochs: 1}
              drift: {times: [1, 3600, 31536000]}
              noisy_inputs: {variances: [0, 0.1], bit_lengths: [10], repeats: 2}
            """);
        string outDir = Path.Combine(dir, "infer");
        var r = CliHarness.Run("infer", file, "--model", model, "--data", data, "--out", outDir, "-q");
        Assert.True(r.Exit == 0, r.Err);
        foreach (var f in new[] { "config.yaml", "summary.json", "drift.csv", "drift_summary.csv", "noisy_inputs.csv",
                                  "noisy_inputs_summary.csv", "mapped.cbm", "train-hardware-aware/model.cbm" })
        {
            Assert.True(File.Exists(Path.Combine(outDir, f)), f);
        }
        var s = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")))!;
        Assert.Equal(model, s["model_file"]!.GetValue<string>());
        Assert.InRange(s["float_test_accuracy"]!.GetValue<double>(), 0.8, 1.0);
        Assert.InRange(s["drift.direct.global.1y"]!.GetValue<double>(), 0.5, 1.0);
        Assert.NotNull(s["drift.hardware_aware.none.1s"]);
        Assert.NotNull(s["noisy_inputs.stochastic_bl10.variance_0.1"]);
        // 2 models × 2 compensations × 3 times × 2 repeats + header
        Assert.Equal(1 + 24, File.ReadAllLines(Path.Combine(outDir, "drift.csv")).Length);
    }

    [Fact]
    public void Without_a_model_it_trains_inline_and_runs_on_chip_training()
    {
        string dir = CliHarness.TempDir();
        string data = TrainCommandTests.SyntheticData(dir);
        string file = InferFile(dir, """
              repeats: 2
              mapping: {method: open_loop, max_pulses: 100}
              variation: {sigmas: [0, 0.5]}
            device: {model: exponential, g_min: 0, g_max: 1, nonlinearity: 2, n_max: 64}
            update: {rule: sign_step, method: b, delta_threshold: 0.1}
            """);
        string outDir = Path.Combine(dir, "infer");
        var r = CliHarness.Run("infer", file, "--data", data, "--out", outDir, "-q");
        Assert.True(r.Exit == 0, r.Err);
        Assert.True(File.Exists(Path.Combine(outDir, "train-float", "model.cbm")));
        var rows = File.ReadAllLines(Path.Combine(outDir, "variation_summary.csv"));
        Assert.Equal(5, rows.Length);
        Assert.Contains(rows, l => l.StartsWith("0,off_chip,2,", StringComparison.Ordinal));
        // On-chip: the ordinary training run on the varied array with the sign-step rule (one repeat); how well the
        // rule learns is tested in Crossbar.Tests.Updates.RuleAccuracyTests.
        var onChip = rows.Single(l => l.StartsWith("0.5,on_chip,1,", StringComparison.Ordinal));
        Assert.EndsWith(",ok", onChip);
        Assert.True(File.Exists(Path.Combine(outDir, "on-chip-sigma-0.5", "summary.json")));
        double acc = double.Parse(onChip.Split(',')[3], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(acc, 0.0, 1.0);
    }

    [Fact]
    public void Corrupt_model_is_a_one_line_error()
    {
        var (dir, data, model) = Trained();
        var bytes = File.ReadAllBytes(model);
        bytes[bytes.Length / 2] ^= 0x10;
        File.WriteAllBytes(model, bytes);
        var r = CliHarness.Run("infer", InferFile(dir, "  drift: {times: [1]}"), "--model", model, "--data", data, "--out", Path.Combine(dir, "o"));
        Assert.Equal(2, r.Exit);
        Assert.Single(r.Err.TrimEnd().Split('\n'));
        Assert.Contains(model, r.Err);
        Assert.Contains("corrupt", r.Err);

        File.WriteAllBytes(model, bytes[..40]);
        r = CliHarness.Run("infer", InferFile(dir, "  drift: {times: [1]}"), "--model", model, "--data", data, "--out", Path.Combine(dir, "o"));
        Assert.Equal(2, r.Exit);
        Assert.Single(r.Err.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Model_of_another_network_is_a_one_line_error()
    {
        var (dir, data, model) = Trained();
        string file = InferFile(dir, "  drift: {times: [1]}", Network.Replace("[784, 24, 10]", "[784, 30, 10]"));
        var r = CliHarness.Run("infer", file, "--model", model, "--data", data, "--out", Path.Combine(dir, "o"));
        Assert.Equal(2, r.Exit);
        Assert.Single(r.Err.TrimEnd().Split('\n'));
        Assert.Contains("784-24-10", r.Err);
        Assert.Contains("784-30-10", r.Err);
    }

    [Fact]
    public void Mapped_model_or_missing_inference_section_is_a_one_line_error()
    {
        var (dir, data, model) = Trained();
        string file = Path.Combine(dir, "plain.yaml");
        File.WriteAllText(file, Network);
        var r = CliHarness.Run("infer", file, "--model", model, "--data", data, "--out", Path.Combine(dir, "o"));
        Assert.Equal(2, r.Exit);
        Assert.Contains("no inference section", r.Err);

        string infer = InferFile(dir, "  drift: {times: [1]}");
        string outDir = Path.Combine(dir, "first");
        Assert.Equal(0, CliHarness.Run("infer", infer, "--model", model, "--data", data, "--out", outDir, "-q").Exit);
        r = CliHarness.Run("infer", infer, "--model", Path.Combine(outDir, "mapped.cbm"), "--data", data, "--out", Path.Combine(dir, "o"));
        Assert.Equal(2, r.Exit);
        Assert.Single(r.Err.TrimEnd().Split('\n'));
        Assert.Contains("analog", r.Err);
    }

    [Fact]
    public void Unknown_study_key_names_file_key_and_allowed_values()
    {
        string dir = CliHarness.TempDir();
        string file = InferFile(dir, "  drift: {compensation: [sometimes]}");
        var r = CliHarness.Run("infer", file, "--out", Path.Combine(dir, "o"));
        Assert.Equal(2, r.Exit);
        Assert.Contains("compensation", r.Err);
        Assert.Contains("global", r.Err);
    }
}
