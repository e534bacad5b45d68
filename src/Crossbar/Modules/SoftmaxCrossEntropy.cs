namespace Crossbar.Modules;

/// <summary>
/// Softmax + cross-entropy over a batch of logits, the loss of 002, 003 and the CIFAR ResNets: L = mean over the
/// batch of −log softmax(z)[label]. Writes ∂L/∂z = (softmax(z) − onehot)/N (computed in double, max-shifted).
/// </summary>
public static class SoftmaxCrossEntropy
{
    /// <summary>Returns the summed loss over the batch and the number of examples whose arg-max is the label.</summary>
    public static (double LossSum, int Correct) Compute(Tensor logits, ReadOnlySpan<int> labels, Tensor? grad)
    {
        int n = logits.Batch, k = logits.Stride;
        if (labels.Length < n)
        {
            throw new ArgumentException($"{labels.Length} labels for a batch of {n}");
        }
        grad?.Resize(n);
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < n; i++)
        {
            var z = logits.Example(i);
            int label = labels[i];
            if ((uint)label >= (uint)k)
            {
                throw new ArgumentException($"label {label} is outside the {k} outputs");
            }
            int arg = 0;
            float max = z[0];
            for (int j = 1; j < k; j++)
            {
                if (z[j] > max)
                {
                    max = z[j];
                    arg = j;
                }
            }
            correct += arg == label ? 1 : 0;
            double sum = 0;
            for (int j = 0; j < k; j++)
            {
                sum += Math.Exp(z[j] - max);
            }
            loss += Math.Log(sum) - (z[label] - max);
            if (grad is not null)
            {
                var g = grad.Example(i);
                double inv = 1.0 / (sum * n);
                for (int j = 0; j < k; j++)
                {
                    g[j] = (float)(Math.Exp(z[j] - max) * inv);
                }
                g[label] -= 1f / n;
            }
        }
        return (loss, correct);
    }
}
