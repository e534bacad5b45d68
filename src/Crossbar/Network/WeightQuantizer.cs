namespace Crossbar.Network;

/// <summary>
/// Integer weights as in 000_be961920015dd47a.txt §II (weights stored as integers in ±1000): stored weights are
/// rounded to the nearest of ±levels steps of range/levels and clipped to ±range after every update.
/// </summary>
public sealed class WeightQuantizer(int levels, float range)
{
    private readonly float _step = range / levels;
    private readonly float _inv = levels / range;

    public int Levels { get; } = levels;

    public float Range { get; } = range;

    public void Apply(Span<float> w)
    {
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = Math.Clamp(MathF.Round(w[i] * _inv), -Levels, Levels) * _step;
        }
    }
}
