namespace Crossbar.Config;

/// <summary>
/// Everything one run needs, as read from an experiment file. Sections: <c>data</c>, <c>network</c>, <c>training</c>,
/// <c>evaluation</c>, <c>output</c>; analog runs add <c>device</c>, <c>tile</c>, <c>update</c> and <c>inference</c>.
/// </summary>
public sealed class ExperimentConfig
{
    [Doc("Short name of the experiment; the default output folder is runs/<name>.")]
    public string Name { get; set; } = "experiment";

    [Doc("Free text describing the experiment (paper, figure, what it shows).")]
    public string Description { get; set; } = "";

    [Doc("Seed of every random stream (initial weights, shuffling, device noise); same seed = same numbers.")]
    public ulong Seed { get; set; } = 1;

    public DataConfig Data { get; set; } = new();

    public NetworkConfig Network { get; set; } = new();

    public TrainingConfig Training { get; set; } = new();

    [Doc("How training changes the weights: the update rule and its options.")]
    public UpdateConfig Update { get; set; } = new SgdUpdateConfig();

    public EvaluationConfig Evaluation { get; set; } = new();

    public OutputConfig Output { get; set; } = new();

    [Doc("Device model of analog runs (absent for float runs).")]
    public DeviceConfig? Device { get; set; }

    [Doc("Crossbar tile settings of analog runs (defaults apply when absent).")]
    public TileConfig? Tile { get; set; }

    [Doc("Inference on analog hardware (crossbar infer): mapping, noise model and studies; absent for training runs.")]
    public InferenceConfig? Inference { get; set; }
}
