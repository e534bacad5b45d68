using Crossbar.Tiles;

namespace Crossbar.Updates;

/// <summary>
/// The software-equivalent reference on a tile: ΔW = η·x·δ written as an exact conductance change, half on G⁺ and
/// half (negated) on G⁻, clipped to each device's window. No pulses are counted.
/// </summary>
public sealed class IdealRule : IAnalogUpdateRule
{
    public void Update(AnalogTile tile, ReadOnlySpan<float> x, ReadOnlySpan<float> delta, float learningRate)
    {
        for (int i = 0; i < tile.Rows; i++)
        {
            float s = learningRate * (i < tile.Inputs ? x[i] : 1f);
            if (s == 0f)
            {
                continue;
            }
            for (int j = 0; j < tile.Columns; j++)
            {
                float dw = s * delta[j];
                if (dw != 0f)
                {
                    tile.AddIdealWeight(i, j, dw);
                }
            }
        }
    }

    /// <summary>Stateless: the devices hold everything.</summary>
    public void SaveState(BinaryWriter writer)
    {
    }

    public void LoadState(BinaryReader reader)
    {
    }

    public void ApplyBatch(AnalogTile tile, ReadOnlySpan<float> sumXDelta, float learningRate, int batch)
    {
        for (int i = 0; i < tile.Rows; i++)
        {
            for (int j = 0; j < tile.Columns; j++)
            {
                float dw = learningRate / batch * sumXDelta[i * tile.Columns + j];
                if (dw != 0f)
                {
                    tile.AddIdealWeight(i, j, dw);
                }
            }
        }
    }
}
