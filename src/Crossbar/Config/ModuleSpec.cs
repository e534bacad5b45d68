namespace Crossbar.Config;

/// <summary>
/// One entry of <c>network.modules</c> (family custom), chosen by <c>type</c>. Input sizes are inferred from the
/// previous module's output, so only output sizes are given.
/// </summary>
[Variants("type", typeof(Conv2dSpec), typeof(LinearSpec), typeof(BatchNormSpec), typeof(ReluSpec), typeof(TanhSpec),
          typeof(SigmoidSpec), typeof(MaxPoolSpec), typeof(AvgPoolSpec), typeof(GlobalAvgPoolSpec), typeof(FlattenSpec),
          typeof(DropoutSpec), typeof(ResidualSpec))]
public abstract class ModuleSpec : IValidatedConfig, ILocatedConfig
{
    private string _where = "";

    /// <summary>"file:line: network.modules[i]" once bound from a file (empty when built in code).</summary>
    public string Where => _where;

    public void Locate(string where) => _where = where;

    public virtual IEnumerable<(string Key, string Problem)> Validate() => [];
}

[Variant("conv2d")]
[Doc("2-D convolution (square kernel).")]
public sealed class Conv2dSpec : ModuleSpec
{
    [Doc("Output channels.")]
    [Range(1, 1 << 16)]
    public int OutChannels { get; set; } = 16;

    [Doc("Kernel height = width.")]
    [Range(1, 64)]
    public int Kernel { get; set; } = 3;

    [Range(1, 64)]
    public int Stride { get; set; } = 1;

    [Doc("Zero padding on every side.")]
    [Range(0, 64)]
    public int Padding { get; set; }

    public bool Bias { get; set; } = true;
}

[Variant("linear")]
[Doc("Fully connected layer (flattens its input).")]
public sealed class LinearSpec : ModuleSpec
{
    [Range(1, 1 << 24)]
    public int OutFeatures { get; set; } = 10;

    public bool Bias { get; set; } = true;
}

[Variant("batch_norm")]
[Doc("Batch normalisation over the channels (batch statistics in training, running averages in evaluation).")]
public sealed class BatchNormSpec : ModuleSpec
{
    [Range(1e-12, 1)]
    public double Epsilon { get; set; } = 1e-5;

    [Doc("Weight of the newest batch in the running averages.")]
    [Range(0, 1)]
    public double Momentum { get; set; } = 0.1;
}

[Variant("relu")]
[Doc("max(0, x).")]
public sealed class ReluSpec : ModuleSpec
{
}

[Variant("tanh")]
[Doc("tanh(x).")]
public sealed class TanhSpec : ModuleSpec
{
}

[Variant("sigmoid")]
[Doc("1/(1 + e^−x).")]
public sealed class SigmoidSpec : ModuleSpec
{
}

/// <summary>Options shared by max and average pooling.</summary>
public abstract class PoolSpec : ModuleSpec
{
    [Range(1, 64)]
    public int Kernel { get; set; } = 2;

    [Doc("Empty = kernel (non-overlapping windows).")]
    [Range(1, 64)]
    public int? Stride { get; set; }

    [Range(0, 32)]
    public int Padding { get; set; }

    public override IEnumerable<(string Key, string Problem)> Validate()
    {
        if (Padding * 2 > Kernel)
        {
            yield return ("padding", $"must be at most kernel/2 = {Kernel / 2}");
        }
    }
}

[Variant("max_pool")]
[Doc("Maximum over kernel×kernel windows.")]
public sealed class MaxPoolSpec : PoolSpec
{
}

[Variant("avg_pool")]
[Doc("Mean over kernel×kernel windows (padding counted).")]
public sealed class AvgPoolSpec : PoolSpec
{
}

[Variant("global_avg_pool")]
[Doc("Mean over each channel: C×H×W → C.")]
public sealed class GlobalAvgPoolSpec : ModuleSpec
{
}

[Variant("flatten")]
[Doc("C×H×W → C·H·W features.")]
public sealed class FlattenSpec : ModuleSpec
{
}

[Variant("dropout")]
[Doc("Inverted dropout in training, identity in evaluation.")]
public sealed class DropoutSpec : ModuleSpec
{
    [Doc("Probability of zeroing a value.")]
    [Range(0, 1, MaxExclusive = true)]
    public double P { get; set; } = 0.5;
}

[Variant("residual")]
[Doc("A ResNet basic block: conv3×3-BN-ReLU-conv3×3-BN plus the shortcut, then ReLU (He et al. 2016).")]
public sealed class ResidualSpec : ModuleSpec
{
    [Range(1, 1 << 16)]
    public int OutChannels { get; set; } = 16;

    [Doc("Stride of the first conv (2 halves the resolution).")]
    [Range(1, 8)]
    public int Stride { get; set; } = 1;

    [Doc("a (subsample + zero channels) or b (1×1 conv + BN) where the shape changes.")]
    public ResNetShortcut Shortcut { get; set; } = ResNetShortcut.A;
}
