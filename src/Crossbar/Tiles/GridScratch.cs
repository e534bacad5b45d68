namespace Crossbar.Tiles;

/// <summary>Per-worker buffers of a <see cref="TileGrid"/> MVM (inputs after the DAC, one tile's outputs, noise, scales).</summary>
public sealed class GridScratch(int inputs, int outputs, int vectors)
{
    public float[] Inputs { get; } = new float[inputs];

    public float[] Outputs { get; } = new float[outputs];

    public float[] Noise { get; } = new float[outputs];

    public float[] Scales { get; } = new float[vectors];

    public float[] Multipliers { get; } = new float[vectors];

    public int Vectors { get; } = vectors;
}
