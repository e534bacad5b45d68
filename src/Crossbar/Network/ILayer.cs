namespace Crossbar.Network;

/// <summary>
/// One layer of synapses between two neuron layers. Weights are laid out input-major: row i holds the weights from
/// input neuron i to every output neuron (plus one bias row driven by 1), the same layout an analog tile uses, so
/// forward is a sum of rows scaled by x_i and backward a dot product per row.
/// Sign convention (the papers'): δ = −∂L/∂z is the error, and the update is ΔW = η·x·δ.
/// </summary>
public interface ILayer
{
    int Inputs { get; }

    int Outputs { get; }

    bool HasBias { get; }

    /// <summary>z = Wᵀ·[x, 1].</summary>
    void Forward(ReadOnlySpan<float> x, Span<float> z);

    /// <summary>deltaIn[i] = Σ_j W[i, j]·δ[j] over the non-bias rows.</summary>
    void Backward(ReadOnlySpan<float> delta, Span<float> deltaIn);

    /// <summary>Online update ΔW[i, j] = η·x_i·δ_j (bias row uses x = 1).</summary>
    void Update(ReadOnlySpan<float> x, ReadOnlySpan<float> delta, float learningRate);

    /// <summary>Backward followed by Update (the float layer fuses them so each row is read once).</summary>
    void BackwardAndUpdate(ReadOnlySpan<float> x, ReadOnlySpan<float> delta, Span<float> deltaIn, float learningRate)
    {
        Backward(delta, deltaIn);
        Update(x, delta, learningRate);
    }

    /// <summary>Adds x·δᵀ to the mini-batch accumulator.</summary>
    void Accumulate(ReadOnlySpan<float> x, ReadOnlySpan<float> delta);

    /// <summary>Applies ΔW = η·(accumulated)/batch and clears the accumulator.</summary>
    void ApplyAccumulated(float learningRate, int batch);

    /// <summary>Copies the effective weights, (Inputs + bias) × Outputs, row-major by input.</summary>
    void CopyWeights(Span<float> destination);
}
