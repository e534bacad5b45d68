namespace Crossbar.Config;

/// <summary>When and on what the network is measured during training.</summary>
public sealed class EvaluationConfig : IValidatedConfig
{
    [Doc("Also evaluate every N training examples (0 = only at the end of each epoch).")]
    [Range(0, long.MaxValue)]
    public long EveryExamples { get; set; }

    [Doc("Intermediate evaluations use the first N test images (end-of-epoch ones use all); empty = all.")]
    [Range(1, 10000)]
    public int? IntermediateTestCount { get; set; }

    [Doc("Evaluate accuracy and loss on the whole training set at each epoch end (slower); otherwise the running training accuracy is reported.")]
    public bool FullTrainAccuracy { get; set; }

    [Doc("Moments to record every test image's outputs and Safety Margin (000 Figs. 17, 19): a number of images, 'epoch N', or 'last'.")]
    public List<string> Snapshots { get; set; } = [];

    [Doc("Accuracy fluctuation band: min/max test accuracy over the last N evaluation points (002 Fig. 8).")]
    [Range(1, 1000000)]
    public int FluctuationWindow { get; set; } = 100;

    public IEnumerable<(string Key, string Problem)> Validate()
    {
        foreach (var s in Snapshots)
        {
            if (!Training.SnapshotSchedule.IsValid(s))
            {
                yield return ("snapshots", $"'{s}' is not a snapshot; use a number of images (e.g. 200), 'epoch N' or 'last'");
            }
        }
    }
}
