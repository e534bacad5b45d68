namespace Crossbar.Modules;

/// <summary>
/// A module whose evaluation pass can absorb the batch norm and/or ReLU that follow it (see
/// <see cref="EvaluationFusion"/>), writing the fused result straight into the last absorbed module's output.
/// </summary>
public interface IEvaluationFusion
{
    /// <summary>Whether a following per-channel affine map (batch norm) can be absorbed, not only a ReLU.</summary>
    bool AcceptsAffine { get; }

    /// <summary>Evaluation forward pass followed, example by example, by <paramref name="epilogue"/>.</summary>
    void ForwardFused(ReadOnlySpan<Tensor> inputs, Tensor output, ChannelEpilogue epilogue, WorkerPool pool);
}
