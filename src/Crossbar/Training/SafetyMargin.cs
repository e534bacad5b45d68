namespace Crossbar.Training;

/// <summary>
/// Safety Margin (000_be961920015dd47a.txt §V, Fig. 18): the correct output neuron's excitation minus the largest
/// other excitation; positive when the image is classified correctly, negative (by the gap) when not.
/// </summary>
public static class SafetyMargin
{
    public static float Of(ReadOnlySpan<float> outputs, int label)
    {
        float best = float.NegativeInfinity;
        for (int j = 0; j < outputs.Length; j++)
        {
            if (j != label && outputs[j] > best)
            {
                best = outputs[j];
            }
        }
        return outputs[label] - best;
    }
}
