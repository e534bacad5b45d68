using System.Numerics.Tensors;
using Crossbar.Data;
using Crossbar.Network;

namespace Crossbar.Training;

/// <summary>Accuracy and loss of a network on (the first <c>count</c> images of) a data set.</summary>
public static class Evaluator
{
    public static (double Accuracy, double Loss) Evaluate(Mlp network, Dataset data, int? count = null)
    {
        int n = Math.Min(count ?? data.Count, data.Count);
        if (n == 0)
        {
            return (double.NaN, double.NaN);
        }
        int correct = 0;
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            var y = network.Forward(data.Input(i));
            int label = data.Labels[i];
            if (TensorPrimitives.IndexOfMax(y) == label)
            {
                correct++;
            }
            loss += network.Loss.Value(y, label);
        }
        return ((double)correct / n, loss / n);
    }
}
