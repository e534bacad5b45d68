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

    /// <summary>η·½(1 + cos(π·epoch/epochs)) (Loshchilov &amp; Hutter 2017, no restarts).</summary>
    Cosine,

    /// <summary>η·decay^(number of milestones ≤ epoch), e.g. milestones [100, 150] of He et al. 2016 §4.2.</summary>
    MultiStep,
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

    [Doc("Epochs of multi_step at which η is multiplied by decay.")]
    [OmitWhenDefault]
    public int[] Milestones { get; set; } = [];

    [Doc("Linear warm-up of η from 0 over this many epochs (per batch), before the schedule; graph networks only.")]
    [Range(0, 100000)]
    [OmitWhenDefault]
    public double WarmupEpochs { get; set; }

    [Doc("SGD momentum μ (v = μ·v + g); graph networks only.")]
    [Range(0, 1, MaxExclusive = true)]
    [OmitWhenDefault]
    public double Momentum { get; set; }

    [Doc("Nesterov momentum; graph networks only.")]
    [OmitWhenDefault]
    public bool Nesterov { get; set; }

    [Doc("L2 weight decay λ added to the gradient of weights (not biases or batch-norm parameters); graph networks only.")]
    [Range(0, 1)]
    [OmitWhenDefault]
    public double WeightDecay { get; set; }

    [Doc("Threads of one run (graph networks); 0 = every core. Results do not depend on it.")]
    [Range(0, 1024)]
    [OmitWhenDefault]
    public int Threads { get; set; }

    [Doc("Stop after this many training examples in all (for quick runs); empty = epochs × training-set size.")]
    [Range(1, long.MaxValue)]
    public long? MaxExamples { get; set; }

    public double RateAt(int epoch) => Schedule switch
    {
        LearningRateSchedule.Constant => LearningRate,
        LearningRateSchedule.Exponential => LearningRate * Math.Pow(Decay, epoch),
        LearningRateSchedule.Step => LearningRate * Math.Pow(Decay, epoch / StepEpochs),
        LearningRateSchedule.InverseTime => LearningRate / (1.0 + Decay * epoch),
        _ => RateAt((double)epoch),
    };

    /// <summary>η at a fractional epoch (graph networks change η every batch), warm-up included.</summary>
    public double RateAt(double epoch)
    {
        double rate = Schedule switch
        {
            LearningRateSchedule.Constant => LearningRate,
            LearningRateSchedule.Exponential => LearningRate * Math.Pow(Decay, epoch),
            LearningRateSchedule.Step => LearningRate * Math.Pow(Decay, Math.Floor(epoch / StepEpochs)),
            LearningRateSchedule.InverseTime => LearningRate / (1.0 + Decay * epoch),
            LearningRateSchedule.Cosine => LearningRate * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(epoch, Epochs) / Epochs)),
            LearningRateSchedule.MultiStep => LearningRate * Math.Pow(Decay, Milestones.Count(m => m <= epoch)),
            _ => throw new InvalidOperationException($"schedule {Schedule}"),
        };
        return WarmupEpochs > 0 && epoch < WarmupEpochs ? rate * epoch / WarmupEpochs : rate;
    }

    public IEnumerable<(string Key, string Problem)> Validate()
    {
        if (Schedule == LearningRateSchedule.MultiStep && Milestones.Length == 0)
        {
            yield return ("milestones", "multi_step needs at least one milestone epoch, e.g. [100, 150]");
        }
        if (Milestones.Any(m => m < 1))
        {
            yield return ("milestones", "epochs must be at least 1");
        }
        if (Schedule is LearningRateSchedule.Exponential or LearningRateSchedule.Step or LearningRateSchedule.MultiStep && (Decay <= 0 || Decay > 1))
        {
            yield return ("decay", $"must be in (0, 1] for the {ConfigNaming.EnumName(Schedule)} schedule");
        }
    }
}
