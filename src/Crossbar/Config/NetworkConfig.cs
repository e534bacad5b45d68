namespace Crossbar.Config;

public enum ActivationKind
{
    /// <summary>α·tanh(slope·z) + β (000 Fig. 4; α = β = 0.5 maps it onto [0, 1], cases #4–#5).</summary>
    Tanh,

    /// <summary>Piecewise-linear tanh: α·clamp(slope·z, −1, 1) + β (001 Fig. 17).</summary>
    PwlTanh,

    /// <summary>Hard sigmoid: 0 below −c, 1 above c, z/(2c) + ½ between (002 Fig. 1).</summary>
    HardSigmoid,

    /// <summary>Logistic sigmoid 1/(1 + e^(−slope·z)) (003 §III).</summary>
    Sigmoid,

    /// <summary>max(0, z).</summary>
    Relu,

    /// <summary>Identity.</summary>
    Linear,

    /// <summary>Softmax over the layer (output layer only; pairs with cross-entropy).</summary>
    Softmax,
}

/// <summary>A neuron's squashing function and its parameters.</summary>
public sealed class ActivationConfig : IValidatedConfig
{
    public ActivationKind Kind { get; set; } = ActivationKind.Tanh;

    [Doc("Output scale α of tanh / pwl_tanh.")]
    [Range(1e-6, 1e6)]
    public double Alpha { get; set; } = 1.0;

    [Doc("Output shift β of tanh / pwl_tanh.")]
    [Range(-1e6, 1e6)]
    public double Beta { get; set; }

    [Doc("Input gain: f(slope·z) for tanh, pwl_tanh and sigmoid.")]
    [Range(1e-6, 1e6)]
    public double Slope { get; set; } = 1.0;

    [Doc("Half-width c of the hard sigmoid's linear region (002 Fig. 1).")]
    [Range(1e-9, 1e9, MinExclusive = true)]
    public double C { get; set; } = 1.0;

    public IEnumerable<(string Key, string Problem)> Validate() => [];
}

public enum DerivativeKind
{
    /// <summary>The activation's exact derivative.</summary>
    Exact,

    /// <summary>Two states: <c>high</c> inside the active region, 0 outside (001 Fig. 19; 002 Table 1 with 1/(2c) → 1).</summary>
    Step,

    /// <summary>Two non-zero states: <c>high</c> inside the active region, <c>low</c> outside (001 Fig. 20).</summary>
    LeakyStep,
}

/// <summary>How the backward pass multiplies by f′ (peripheral-circuit approximation).</summary>
public sealed class DerivativeConfig : IValidatedConfig
{
    public DerivativeKind Kind { get; set; } = DerivativeKind.Exact;

    [Doc("Derivative value inside the active region for step / leaky_step (002 uses 1).")]
    [Range(0, 1e6)]
    public double High { get; set; } = 1.0;

    [Doc("Derivative value outside the active region for leaky_step.")]
    [Range(0, 1e6)]
    public double Low { get; set; }

    [Doc("For smooth activations (tanh, sigmoid): the active region is where f′ ≥ threshold·max f′.")]
    [Range(0, 1, MinExclusive = true)]
    public double Threshold { get; set; } = 0.5;

    public IEnumerable<(string Key, string Problem)> Validate()
    {
        if (Kind == DerivativeKind.LeakyStep && Low > High)
        {
            yield return ("low", $"must not exceed high ({High})");
        }
    }
}

public enum LossKind
{
    /// <summary>Softmax + cross-entropy (002, 003).</summary>
    CrossEntropy,

    /// <summary>½·Σ(y − t)² against one-hot targets (000 §II).</summary>
    SquaredError,
}

public enum TargetRange
{
    /// <summary>Ground truth 1 for the correct class, 0 otherwise.</summary>
    [Key("0_1")] ZeroOne,

    /// <summary>Ground truth 1 for the correct class, −1 otherwise.</summary>
    [Key("-1_1")] MinusOneOne,
}

public enum WeightInit
{
    /// <summary>U(−s·√(6/(n_in+n_out)), +…), Glorot &amp; Bengio.</summary>
    XavierUniform,

    /// <summary>U(−s/√n_in, +s/√n_in).</summary>
    Uniform,

    /// <summary>N(0, s²·2/n_in), He et al.</summary>
    HeNormal,

    /// <summary>All zero (analog tiles that start from G+ = G− often do).</summary>
    Zero,
}

/// <summary>Quantization of neuron activations and back-propagated errors to N evenly spaced states (001 Fig. 21).</summary>
public sealed class QuantizationConfig : IValidatedConfig
{
    [Doc("Number of distinct activation states over the activation's output range; 0 = continuous.")]
    [Range(0, 1 << 24)]
    public int ActivationStates { get; set; }

    [Doc("Number of distinct error (δ) states over [−error_range, error_range] (or over each error vector's own range when error_range is 0); 0 = continuous.")]
    [Range(0, 1 << 24)]
    public int ErrorStates { get; set; }

    [Doc("Errors are clipped to ±error_range before quantization; 0 = each layer's error vector is quantised over its own range ±max|δ| (an auto-ranging converter).")]
    [Range(0, 1e9)]
    public double ErrorRange { get; set; } = 1.0;

    [Doc("Integer weights as in 000 §II: stored weights are rounded to ±weight_levels steps of weight_range/weight_levels; 0 = float.")]
    [Range(0, 1 << 24)]
    public int WeightLevels { get; set; }

    [Doc("Largest weight magnitude when weight_levels > 0; weights are clipped to it.")]
    [Range(0, 1e9, MinExclusive = true)]
    public double WeightRange { get; set; } = 1.0;

    public IEnumerable<(string Key, string Problem)> Validate()
    {
        if (ActivationStates == 1)
        {
            yield return ("activation_states", "must be 0 (off) or at least 2");
        }
        if (ErrorStates == 1)
        {
            yield return ("error_states", "must be 0 (off) or at least 2");
        }
    }
}

public enum NetworkFamily
{
    /// <summary>Fully connected, from <c>layers</c>: the papers' networks, trained online by the device-aware rules.</summary>
    Mlp,

    /// <summary>A CIFAR ResNet (He et al. 2016 §4.2), from <c>resnet</c>.</summary>
    Resnet,

    /// <summary>A LeNet-5-style CNN (conv-pool-conv-pool-120-84-classes).</summary>
    Lenet5,

    /// <summary>The <c>modules</c> list, in order.</summary>
    Custom,

    /// <summary>Imported from the ONNX file <c>onnx</c> (structure and weights).</summary>
    Onnx,
}

/// <summary>Topology, neurons and loss of the network: a fully connected MLP, or a graph of modules (CNNs).</summary>
public sealed class NetworkConfig : IValidatedConfig
{
    [Doc("mlp (fully connected, from layers), resnet (CIFAR ResNet, from resnet), lenet5, custom (the modules list), or onnx (imported from the file onnx). Graph families (resnet, lenet5, custom) train with mini-batch SGD on images; mlp keeps the papers' online, device-aware training.")]
    [OmitWhenDefault]
    public NetworkFamily Family { get; set; } = NetworkFamily.Mlp;

    [Doc("Depth, shortcut and width of family resnet (absent = ResNet-20, option A, width 16).")]
    [OmitWhenNull]
    public ResNetConfig? Resnet { get; set; }

    [Doc("Modules of family custom, in order; each chosen by 'type' (conv2d, linear, batch_norm, relu, tanh, sigmoid, max_pool, avg_pool, global_avg_pool, flatten, dropout, residual). Input sizes are inferred.")]
    [OmitWhenDefault]
    public List<ModuleSpec> Modules { get; set; } = [];

    [Doc("Family onnx: the ONNX model file the graph (and its trained weights) is imported from, e.g. ../shared/models/mnist-8-onnx/mnist-8.onnx.")]
    [OmitWhenNull]
    public string? Onnx { get; set; }

    [Doc("Neurons per layer, input first, e.g. [784, 200, 10] or [528, 250, 125, 10].")]
    public int[] Layers { get; set; } = [784, 200, 10];

    [Doc("Add a bias neuron driven by 1 to every non-output layer (002 §2.3).")]
    public bool Bias { get; set; } = true;

    public ActivationConfig HiddenActivation { get; set; } = new() { Kind = ActivationKind.Tanh };

    public ActivationConfig OutputActivation { get; set; } = new() { Kind = ActivationKind.Softmax };

    public DerivativeConfig Derivative { get; set; } = new();

    public LossKind Loss { get; set; } = LossKind.CrossEntropy;

    [Doc("Ground-truth encoding for squared_error: 0_1 or -1_1 (000 §II).")]
    public TargetRange Targets { get; set; } = TargetRange.ZeroOne;

    public WeightInit Init { get; set; } = WeightInit.XavierUniform;

    [Doc("Multiplies the initial weight spread.")]
    [Range(0, 1e6)]
    public double InitScale { get; set; } = 1.0;

    public QuantizationConfig Quantization { get; set; } = new();

    /// <summary>Whether the network is a module graph (trained by the batched graph trainer).</summary>
    public bool IsGraph => Family != NetworkFamily.Mlp;

    public IEnumerable<(string Key, string Problem)> Validate()
    {
        if (Family == NetworkFamily.Resnet)
        {
            // Resolved configs of ResNets show their depth and shortcut even when the file leaves them to the defaults.
            Resnet ??= new ResNetConfig();
        }
        else if (Resnet is not null)
        {
            yield return ("resnet", $"is only read by family resnet (family is {ConfigNaming.EnumName(Family)})");
        }
        if (Family == NetworkFamily.Onnx && string.IsNullOrWhiteSpace(Onnx))
        {
            yield return ("onnx", "family onnx needs the path of an .onnx file");
        }
        else if (Family != NetworkFamily.Onnx && Onnx is not null)
        {
            yield return ("onnx", $"is only read by family onnx (family is {ConfigNaming.EnumName(Family)})");
        }
        if (Family == NetworkFamily.Custom && Modules.Count == 0)
        {
            yield return ("modules", "family custom needs at least one module, e.g. [{type: flatten}, {type: linear, out_features: 10}]");
        }
        if (Family != NetworkFamily.Custom && Modules.Count > 0)
        {
            yield return ("modules", $"is only read by family custom (family is {ConfigNaming.EnumName(Family)})");
        }
        if (IsGraph && Loss != LossKind.CrossEntropy)
        {
            yield return ("loss", "graph networks train with cross_entropy (softmax on the logits)");
        }
        if (Layers.Length < 2)
        {
            yield return ("layers", "needs at least an input and an output layer, e.g. [784, 10]");
        }
        for (int i = 0; i < Layers.Length; i++)
        {
            if (Layers[i] < 1 || Layers[i] > 1_000_000)
            {
                yield return ($"layers", $"layer {i} has {Layers[i]} neurons; allowed: 1 to 1000000");
            }
        }
        if (HiddenActivation.Kind == ActivationKind.Softmax)
        {
            yield return ("hidden_activation.kind", "softmax is only allowed for the output layer");
        }
        if (Loss == LossKind.CrossEntropy && OutputActivation.Kind != ActivationKind.Softmax)
        {
            yield return ("output_activation.kind", "cross_entropy loss needs a softmax output layer (or use loss: squared_error)");
        }
        if (Loss == LossKind.SquaredError && OutputActivation.Kind == ActivationKind.Softmax)
        {
            yield return ("output_activation.kind", "softmax output pairs with cross_entropy; with squared_error use tanh, sigmoid, ...");
        }
    }
}
