using Crossbar.Config;

namespace Crossbar.Tests.Config;

public class ConfigBinderTests
{
    private const string Minimal = """
        # a comment
        name: t
        seed: 3
        network:
          layers: [784, 100, 10]
          hidden_activation: {kind: hard_sigmoid, c: 4}
        training:
          learning_rate: 0.02
          epochs: 2
        """;

    [Fact]
    public void Binds_values_and_keeps_defaults()
    {
        var c = ExperimentLoader.FromText(Minimal, "x.yaml");
        Assert.Equal("t", c.Name);
        Assert.Equal(3UL, c.Seed);
        Assert.Equal([784, 100, 10], c.Network.Layers);
        Assert.Equal(ActivationKind.HardSigmoid, c.Network.HiddenActivation.Kind);
        Assert.Equal(4.0, c.Network.HiddenActivation.C);
        Assert.Equal(0.02, c.Training.LearningRate);
        Assert.Equal(1, c.Training.BatchSize);
        Assert.Equal(ActivationKind.Softmax, c.Network.OutputActivation.Kind);
    }

    [Fact]
    public void Misspelled_key_names_file_key_and_suggestion()
    {
        var e = Assert.Throws<ConfigException>(() => ExperimentLoader.FromText("training:\n  learnig_rate: 0.1\n", "exp.yaml"));
        Assert.Contains("exp.yaml:2", e.Message);
        Assert.Contains("training.learnig_rate", e.Message);
        Assert.Contains("did you mean 'learning_rate'", e.Message);
    }

    [Fact]
    public void Negative_learning_rate_is_out_of_range()
    {
        var e = Assert.Throws<ConfigException>(() => ExperimentLoader.FromText("training:\n  learning_rate: -0.1\n", "exp.yaml"));
        Assert.Contains("training.learning_rate", e.Message);
        Assert.Contains("allowed: > 0", e.Message);
    }

    [Fact]
    public void Bad_enum_lists_choices()
    {
        var e = Assert.Throws<ConfigException>(() => ExperimentLoader.FromText("network:\n  loss: hinge\n", "exp.yaml"));
        Assert.Contains("network.loss", e.Message);
        Assert.Contains("cross_entropy, squared_error", e.Message);
    }

    [Fact]
    public void Wrong_type_is_reported()
    {
        var e = Assert.Throws<ConfigException>(() => ExperimentLoader.FromText("training:\n  epochs: many\n", "exp.yaml"));
        Assert.Contains("training.epochs", e.Message);
        Assert.Contains("whole number", e.Message);
    }

    [Fact]
    public void Cross_field_validation_names_key()
    {
        var e = Assert.Throws<ConfigException>(() => ExperimentLoader.FromText("network:\n  layers: [784]\n", "exp.yaml"));
        Assert.Contains("network.layers", e.Message);
    }

    [Fact]
    public void Overrides_apply_and_are_checked()
    {
        var c = ExperimentLoader.FromText(Minimal, "x.yaml", ["training.learning_rate=0.5", "network.layers=[528, 10]", "data.crop=22x24"]);
        Assert.Equal(0.5, c.Training.LearningRate);
        Assert.Equal([528, 10], c.Network.Layers);
        Assert.Equal(InputCrop.Crop22x24, c.Data.Crop);
        var e = Assert.Throws<ConfigException>(() => ExperimentLoader.FromText(Minimal, "x.yaml", ["training.nope=1"]));
        Assert.Contains("--set", e.Message);
        Assert.Contains("training.nope", e.Message);
    }

    [Fact]
    public void Resolved_config_round_trips()
    {
        var c = ExperimentLoader.FromText(Minimal, "x.yaml", ["data.train_count=500", "data.pixel_range=-1_1", "description='a: b'"]);
        string yaml = ConfigWriter.ToYaml(c, "header");
        var back = ExperimentLoader.FromText(yaml, "resolved.yaml");
        Assert.Equal(yaml, ConfigWriter.ToYaml(back, "header"));
        Assert.Equal(500, back.Data.TrainCount);
        Assert.Equal(PixelRange.MinusOneOne, back.Data.PixelRange);
        Assert.Equal("a: b", back.Description);
    }

    [Fact]
    public void Invalid_yaml_names_line()
    {
        var e = Assert.Throws<ConfigException>(() => ExperimentLoader.FromText("training:\n  epochs: [1\n", "bad.yaml"));
        Assert.Contains("bad.yaml", e.Message);
        Assert.Contains("not valid YAML", e.Message);
    }

    [Theory]
    [InlineData("LearningRate", "learning_rate")]
    [InlineData("NMax", "n_max")]
    [InlineData("TrainCount", "train_count")]
    [InlineData("C", "c")]
    public void Snake_case_names(string pascal, string snake) => Assert.Equal(snake, ConfigNaming.ToSnake(pascal));
}
