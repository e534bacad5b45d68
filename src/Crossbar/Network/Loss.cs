using Crossbar.Config;

namespace Crossbar.Network;

/// <summary>
/// Turns the output layer's activations and the label into the output error δ = −∂L/∂z and the loss value.
/// Cross-entropy with softmax gives δ = t − y (002 §2.3); squared error gives δ = (t − y)·f′(z) with targets in
/// {0, 1} or {−1, 1} (000 §II).
/// </summary>
public sealed class Loss(LossKind kind, TargetRange targets)
{
    public LossKind Kind { get; } = kind;

    /// <summary>Target value of the wrong classes (0 or −1); the correct class's target is 1.</summary>
    public float OffTarget { get; } = targets == TargetRange.MinusOneOne ? -1f : 0f;

    /// <summary>Fills delta with t − y (the caller multiplies by f′ for squared error) and returns the loss.</summary>
    public float OutputError(ReadOnlySpan<float> y, int label, Span<float> delta)
    {
        if (Kind == LossKind.CrossEntropy)
        {
            for (int j = 0; j < y.Length; j++)
            {
                delta[j] = (j == label ? 1f : 0f) - y[j];
            }
            return -MathF.Log(Math.Max(y[label], 1e-30f));
        }
        float sum = 0f;
        for (int j = 0; j < y.Length; j++)
        {
            float e = (j == label ? 1f : OffTarget) - y[j];
            delta[j] = e;
            sum += e * e;
        }
        return 0.5f * sum;
    }

    /// <summary>The loss alone, for evaluation.</summary>
    public float Value(ReadOnlySpan<float> y, int label)
    {
        if (Kind == LossKind.CrossEntropy)
        {
            return -MathF.Log(Math.Max(y[label], 1e-30f));
        }
        float sum = 0f;
        for (int j = 0; j < y.Length; j++)
        {
            float e = (j == label ? 1f : OffTarget) - y[j];
            sum += e * e;
        }
        return 0.5f * sum;
    }
}
