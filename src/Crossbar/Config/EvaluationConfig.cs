namespace Crossbar.Config;

/// <summary>When and on what the network is measured during training.</summary>
public sealed class EvaluationConfig
{
    [Doc("Also evaluate every N training examples (0 = only at the end of each epoch).")]
    [Range(0, long.MaxValue)]
    public long EveryExamples { get; set; }

    [Doc("Intermediate evaluations use the first N test images (end-of-epoch ones use all); empty = all.")]
    [Range(1, 10000)]
    public int? IntermediateTestCount { get; set; }

    [Doc("Evaluate accuracy and loss on the whole training set at each epoch end (slower); otherwise the running training accuracy is reported.")]
    public bool FullTrainAccuracy { get; set; }
}
