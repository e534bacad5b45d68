namespace Crossbar.Config;

/// <summary>
/// Hardware-aware float training (004 Fig. 4 "custom training", after Murray 1993): Gaussian weight noise in every
/// training forward pass and optional weight clipping, so that the trained weights survive mapping to PCM.
/// </summary>
public sealed class HardwareAwareConfig
{
    [Doc("σ of the injected weight noise relative to the layer's max |w| (aihwkit's relative Gaussian modifier; e.g. 0.05).")]
    [Range(0, 10)]
    public double WeightNoise { get; set; } = 0.05;

    [Doc("Clip each layer's weights to ±clip·std(W) (aihwkit layer-Gaussian clipping, e.g. 2.5); 0 = no clipping.")]
    [Range(0, 100)]
    public double Clip { get; set; }

    [Doc("σ of multiplicative weight noise, W·(1 + σ·ξ), in every training forward pass (graph networks; 0 = none).")]
    [Range(0, 10)]
    public double MultiplicativeNoise { get; set; }

    [Doc("Clip every N training examples (and at the end); graph networks round it to whole batches.")]
    [Range(1, 1000000)]
    public int ClipEvery { get; set; } = 100;

    [Doc("Training epochs of the hardware-aware run; empty = training.epochs.")]
    [Range(1, 100000)]
    public int? Epochs { get; set; }

    [Doc("Graph networks: learning rate of the hardware-aware run (a fine-tuning rate is usually ~10× below training's); empty = training.learning_rate.")]
    [Range(0, 100, MinExclusive = true)]
    public double? LearningRate { get; set; }

    [Doc("Graph networks: start from the FP32 model's weights and fine-tune (Joshi et al. 2020), or false = train from the random initialisation.")]
    public bool FineTune { get; set; } = true;

    [Doc("Graph networks: run every conv and linear layer of the training forward pass through inference.forward's periphery (DAC with noise management, output noise, ADC) on tiles loaded from the float weights; gradients pass straight through as the float layer's. Evaluation during training stays float.")]
    [OmitWhenDefault]
    public bool Periphery { get; set; }
}
