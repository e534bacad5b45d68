using Crossbar.Config;
using Crossbar.Network;

namespace Crossbar.Updates;

/// <summary>
/// Applies one training example's (or mini-batch's) weight change to every layer, after the backward pass:
/// Local Gains scaling of x and δ where enabled, then each layer's update.
/// </summary>
public sealed class UpdatePipeline
{
    private readonly Mlp _network;

    public UpdatePipeline(UpdateConfig config, NetworkConfig network, Mlp mlp)
    {
        _network = mlp;
        LocalGains = config.LocalGains.Enabled ? new LocalGains(config.LocalGains, network.Layers) : null;
    }

    public LocalGains? LocalGains { get; }

    /// <summary>True when nothing but plain SGD happens, so the trainer may use the fused backward+update path.</summary>
    public bool IsPlainSgd => LocalGains is null;

    public bool NeedsInputErrors => LocalGains?.NeedsInputErrors ?? false;

    /// <summary>
    /// Backward pass and online update after a forward pass; returns the loss. Plain SGD takes the fused path that
    /// reads each weight row once.
    /// </summary>
    public float BackwardAndApply(int label, float learningRate)
    {
        if (IsPlainSgd)
        {
            return _network.BackwardAndUpdate(label, learningRate);
        }
        float loss = _network.Backward(label, NeedsInputErrors);
        Apply(learningRate);
        return loss;
    }

    /// <summary>Online update from the last forward/backward pass.</summary>
    public void Apply(float learningRate)
    {
        LocalGains?.Observe(_network);
        for (int l = 0; l < _network.Layers.Count; l++)
        {
            _network.Layers[l].Update(X(l), Delta(l), learningRate);
        }
    }

    /// <summary>Adds this example to the mini-batch accumulators.</summary>
    public void Accumulate()
    {
        LocalGains?.Observe(_network);
        for (int l = 0; l < _network.Layers.Count; l++)
        {
            _network.Layers[l].Accumulate(X(l), Delta(l));
        }
    }

    public void ApplyBatch(float learningRate, int batch)
    {
        foreach (var layer in _network.Layers)
        {
            layer.ApplyAccumulated(learningRate, batch);
        }
    }

    /// <summary>Upstream signal of synapse layer l: x, or g_x·x with Local Gains.</summary>
    private ReadOnlySpan<float> X(int l) =>
        LocalGains is null ? _network.Activations(l) : LocalGains.ScaleX(l, _network.Activations(l));

    /// <summary>Downstream signal of synapse layer l: δ, or g_δ·δ with Local Gains.</summary>
    private ReadOnlySpan<float> Delta(int l) =>
        LocalGains is null ? _network.Errors(l + 1) : LocalGains.ScaleDelta(l + 1, _network.Errors(l + 1));
}
