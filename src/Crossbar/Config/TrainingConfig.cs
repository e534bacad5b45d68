namespace Crossbar.Config;

public enum LearningRateSchedule
{
    /// <summary>η stays at learning_rate.</summary>
    Constant,

    /// <summary>η·decay^epoch.</summary>
    Exponential,

    /// <summary>η·decay^⌊epoch/step_epochs⌋.</summary>
    Step,

    /// <summary>η/(1 + decay·epoch).</summary>
    InverseTime,
}

/// <summary>How long and how fast to train.</summary>
public sealed class TrainingConfig : IValidatedConfig
{
    [Doc("Passes over the training set.")]
    [Range(1, 100000)]
    public int Epochs { get; set; } = 1;

    [Doc("Examples per weight update; 1 = online learning (the papers' default).")]
    [Range(1, 60000)]
    public int BatchSize { get; set; } = 1;

    [Doc("Global learning rate η (ΔW = η·x·δ).")]
    [Range(0, 1e6, MinExclusive = true)]
    public double LearningRate { get; set; } = 0.01;

    public LearningRateSchedule Schedule { get; set; } = LearningRateSchedule.Constant;

    [Doc("Decay factor of the exponential/step/inverse_time schedules.")]
    [Range(0, 1e6)]
    public double Decay { get; set; } = 0.5;

    [Doc("Epochs between drops of the step schedule.")]
    [Range(1, 100000)]
    public int StepEpochs { get; set; } = 10;

    [Doc("Stop after this many training examples in all (for quick runs); empty = epochs × training-set size.")]
    [Range(1, long.MaxValue)]
    public long? MaxExamples { get; set; }

    public double RateAt(int epoch) => Schedule switch
    {
        LearningRateSchedule.Constant => LearningRate,
        LearningRateSchedule.Exponential => LearningRate * Math.Pow(Decay, epoch),
        LearningRateSchedule.Step => LearningRate * Math.Pow(Decay, epoch / StepEpochs),
        LearningRateSchedule.InverseTime => LearningRate / (1.0 + Decay * epoch),
        _ => LearningRate,
    };

    public IEnumerable<(string Key, string Problem)> Validate()
    {
        if (Schedule is LearningRateSchedule.Exponential or LearningRateSchedule.Step && (Decay <= 0 || Decay > 1))
        {
            yield return ("decay", $"must be in (0, 1] for the {ConfigNaming.EnumName(Schedule)} schedule");
        }
    }
}
