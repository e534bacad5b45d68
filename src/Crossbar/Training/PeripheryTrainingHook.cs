using Crossbar.Modules;
using Crossbar.Numerics;

namespace Crossbar.Training;

/// <summary>
/// Hardware-aware training through the periphery (hardware_aware.periphery): before each training batch, after the
/// weight noise of <paramref name="inner"/>, every straight-through analog layer's grid is loaded from its (noisy) float
/// weights and its per-MVM noise restarts from a key of the step, so a resumed run draws the same noise.
/// </summary>
public sealed class PeripheryTrainingHook(IReadOnlyList<IAnalogModule> layers, ulong seed, ITrainingHook? inner) : ITrainingHook
{
    private readonly float[][] _matrices = layers.Select(l => new float[l.Grid.Rows * l.Grid.Columns]).ToArray();

    public void BeforeForward(long step)
    {
        inner?.BeforeForward(step);
        for (int l = 0; l < layers.Count; l++)
        {
            layers[l].CopyTileMatrix(_matrices[l]);
            layers[l].Grid.LoadMatrix(_matrices[l]);
            layers[l].ResetNoise(CounterRng.StreamKey(seed, "hardware-aware-periphery", (ulong)step * 1024 + (ulong)l));
        }
    }

    public void BeforeStep(long step) => inner?.BeforeStep(step);

    public void AfterStep(long step) => inner?.AfterStep(step);
}
