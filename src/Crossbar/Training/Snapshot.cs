namespace Crossbar.Training;

/// <summary>
/// The network's outputs on every test image at one moment of training: the data behind the Safety Margin CDFs
/// (000 Fig. 19) and the output-neuron distributions split by ground truth (000 Fig. 17).
/// </summary>
public sealed class Snapshot(string label, long examples, int classes, int images)
{
    /// <summary>E.g. "after 10 images", "after epoch 1".</summary>
    public string Label { get; } = label;

    public long Examples { get; } = examples;

    public int Classes { get; } = classes;

    /// <summary>Outputs of image i are Outputs[i·Classes .. (i+1)·Classes).</summary>
    public float[] Outputs { get; } = new float[images * classes];

    public byte[] Labels { get; } = new byte[images];

    public float[] SafetyMargins { get; } = new float[images];

    public double Accuracy => SafetyMargins.Length == 0 ? double.NaN : SafetyMargins.Count(m => m > 0) / (double)SafetyMargins.Length;
}
