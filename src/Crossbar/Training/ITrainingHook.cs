namespace Crossbar.Training;

/// <summary>
/// Work a <see cref="GraphTrainer"/> does around each training batch, e.g. hardware-aware weight noise: perturb the
/// weights before the forward pass, restore them before the optimiser step, clip after it. Evaluation passes see
/// none of it.
/// </summary>
public interface ITrainingHook
{
    /// <summary>Before the forward pass of training batch <paramref name="step"/> (counted from 0 over the run).</summary>
    void BeforeForward(long step);

    /// <summary>After the backward pass, before the optimiser step.</summary>
    void BeforeStep(long step);

    /// <summary>After the optimiser step.</summary>
    void AfterStep(long step);
}
