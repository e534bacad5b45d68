using System.Numerics.Tensors;
using Crossbar.Network.Activations;

namespace Crossbar.Network;

/// <summary>
/// A fully connected network of any depth (e.g. 528-250-125-10 of 000/001, 784-200-10 of 002, 784-256-128-10 of 003).
/// Forward, backward and update are separate steps so that device-aware update rules can replace the last one.
/// All buffers are allocated once; the per-example path allocates nothing.
/// </summary>
public sealed class Mlp
{
    private readonly ILayer[] _layers;
    private readonly Activation[] _f;
    private readonly DerivativeApproximation _derivative;
    private readonly StateQuantizer?[] _activationQuantizers;
    private readonly StateQuantizer? _errorQuantizer;
    private readonly int _autoErrorStates; // > 0: errors quantised over their own per-vector range
    private readonly float[][] _z;      // pre-activations of layer l (index 1..L)
    private readonly float[][] _a;      // activations; _a[0] is the input
    private readonly float[][] _delta;  // errors δ at layer l's neurons (index 1..L; 0 = input, when asked for)
    private readonly float[][] _fPrime; // scratch for f′

    public Mlp(ILayer[] layers, Activation hidden, Activation output, Loss loss, DerivativeApproximation derivative,
               int activationStates = 0, int errorStates = 0, float errorRange = 1f)
    {
        if (layers.Length == 0)
        {
            throw new ArgumentException("a network needs at least one layer", nameof(layers));
        }
        for (int l = 1; l < layers.Length; l++)
        {
            if (layers[l].Inputs != layers[l - 1].Outputs)
            {
                throw new ArgumentException($"layer {l} takes {layers[l].Inputs} inputs but layer {l - 1} gives {layers[l - 1].Outputs}");
            }
        }
        _layers = layers;
        Loss = loss;
        _derivative = derivative;
        int n = layers.Length;
        _f = new Activation[n + 1];
        _activationQuantizers = new StateQuantizer?[n + 1];
        for (int l = 1; l <= n; l++)
        {
            _f[l] = l == n ? output : hidden;
            if (activationStates > 0 && _f[l] is not SoftmaxActivation)
            {
                var (lo, hi) = _f[l].OutputRange;
                _activationQuantizers[l] = new StateQuantizer(activationStates, lo, hi);
            }
        }
        _errorQuantizer = errorStates > 0 && errorRange > 0 ? new StateQuantizer(errorStates, -errorRange, errorRange) : null;
        _autoErrorStates = errorStates > 0 && errorRange <= 0 ? errorStates : 0;
        _z = new float[n + 1][];
        _a = new float[n + 1][];
        _delta = new float[n + 1][];
        _fPrime = new float[n + 1][];
        _a[0] = new float[layers[0].Inputs];
        _delta[0] = new float[layers[0].Inputs];
        _fPrime[0] = new float[layers[0].Inputs];
        for (int l = 1; l <= n; l++)
        {
            int m = layers[l - 1].Outputs;
            _z[l] = new float[m];
            _a[l] = new float[m];
            _delta[l] = new float[m];
            _fPrime[l] = new float[m];
        }
    }

    public IReadOnlyList<ILayer> Layers => _layers;

    public Loss Loss { get; }

    public int InputSize => _layers[0].Inputs;

    public int OutputSize => _layers[^1].Outputs;

    /// <summary>Neuron layer l's activations after the last <see cref="Forward"/> (l = 0 is the input).</summary>
    public ReadOnlySpan<float> Activations(int l) => _a[l];

    /// <summary>Neuron layer l's pre-activations (l ≥ 1).</summary>
    public ReadOnlySpan<float> PreActivations(int l) => _z[l];

    /// <summary>Errors δ at neuron layer l after the last <see cref="Backward"/> (l = 0 only when asked for).</summary>
    public ReadOnlySpan<float> Errors(int l) => _delta[l];

    public ReadOnlySpan<float> Output => _a[^1];

    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> x)
    {
        x.CopyTo(_a[0]);
        for (int l = 1; l <= _layers.Length; l++)
        {
            _layers[l - 1].Forward(_a[l - 1], _z[l]);
            _f[l].Apply(_z[l], _a[l]);
            _activationQuantizers[l]?.Apply(_a[l]);
        }
        return _a[^1];
    }

    /// <summary>
    /// Computes δ for every layer from the last forward pass and the label; returns the loss.
    /// With <paramref name="inputErrors"/>, also the error an upstream synapse layer would receive (000 §III.C).
    /// </summary>
    public float Backward(int label, bool inputErrors = false)
    {
        int n = _layers.Length;
        float loss = OutputErrors(label);
        for (int l = n; l >= 2; l--)
        {
            _layers[l - 1].Backward(_delta[l], _delta[l - 1]);
            HiddenErrors(l - 1);
        }
        if (inputErrors)
        {
            _layers[0].Backward(_delta[1], _delta[0]);
        }
        return loss;
    }

    /// <summary>
    /// Backward and online SGD update in one sweep (each layer's δ_in is computed from its weights before they change,
    /// so the result equals <see cref="Backward"/> followed by <see cref="Update"/>); returns the loss.
    /// </summary>
    public float BackwardAndUpdate(int label, float learningRate)
    {
        int n = _layers.Length;
        float loss = OutputErrors(label);
        for (int l = n; l >= 2; l--)
        {
            _layers[l - 1].BackwardAndUpdate(_a[l - 1], _delta[l], _delta[l - 1], learningRate);
            HiddenErrors(l - 1);
        }
        _layers[0].Update(_a[0], _delta[1], learningRate);
        return loss;
    }

    /// <summary>δ of the output layer: t − y, times f′ unless the output is softmax (paired with cross-entropy).</summary>
    private float OutputErrors(int label)
    {
        int n = _layers.Length;
        float loss = Loss.OutputError(_a[n], label, _delta[n]);
        if (_f[n] is not SoftmaxActivation)
        {
            _derivative.Compute(_f[n], _z[n], _a[n], _fPrime[n]);
            TensorPrimitives.Multiply(_delta[n], _fPrime[n], _delta[n]);
        }
        QuantizeErrors(_delta[n]);
        return loss;
    }

    /// <summary>Turns the back-propagated sum at neuron layer l into δ_l: times the (approximated) f′, then quantized.</summary>
    private void HiddenErrors(int l)
    {
        _derivative.Compute(_f[l], _z[l], _a[l], _fPrime[l]);
        TensorPrimitives.Multiply(_delta[l], _fPrime[l], _delta[l]);
        QuantizeErrors(_delta[l]);
    }

    private void QuantizeErrors(Span<float> delta)
    {
        if (_errorQuantizer is not null)
        {
            _errorQuantizer.Apply(delta);
        }
        else if (_autoErrorStates > 0)
        {
            StateQuantizer.ApplyAutoRanged(delta, _autoErrorStates);
        }
    }

    /// <summary>Online SGD step ΔW = η·x·δ on every layer.</summary>
    public void Update(float learningRate)
    {
        for (int l = 1; l <= _layers.Length; l++)
        {
            _layers[l - 1].Update(_a[l - 1], _delta[l], learningRate);
        }
    }

    public void Accumulate()
    {
        for (int l = 1; l <= _layers.Length; l++)
        {
            _layers[l - 1].Accumulate(_a[l - 1], _delta[l]);
        }
    }

    public void ApplyAccumulated(float learningRate, int batch)
    {
        foreach (var layer in _layers)
        {
            layer.ApplyAccumulated(learningRate, batch);
        }
    }

    /// <summary>Ends a training example: analog layers advance their clocks and run periodic RESETs.</summary>
    public void EndExample()
    {
        foreach (var layer in _layers)
        {
            layer.EndExample();
        }
    }

    /// <summary>The analog layers (tiles) of the network, in order.</summary>
    public IEnumerable<AnalogLayer> AnalogLayers => _layers.OfType<AnalogLayer>();

    public int Predict(ReadOnlySpan<float> x) => TensorPrimitives.IndexOfMax(Forward(x));
}
