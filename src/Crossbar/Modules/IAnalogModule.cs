using Crossbar.Tiles;

namespace Crossbar.Modules;

/// <summary>
/// A layer whose weight matrix lives on a <see cref="TileGrid"/> (the analog twin of a float <see cref="Layers.Conv2d"/>
/// or <see cref="Layers.Linear"/>). The inference layer programs the grid's tiles, moves them in time and sets the drift
/// compensation; the module only reads them. Per-MVM noise is drawn from <see cref="NoiseKey"/> at counters derived from
/// the index of each example since <see cref="ResetNoise"/>, so it does not depend on threads or batch size.
/// </summary>
public interface IAnalogModule
{
    string Name { get; }

    TileGrid Grid { get; }

    /// <summary>The weight matrix as the grid holds it: rows = inputs (conv: in·kh·kw), columns = outputs, row-major.</summary>
    float[] TileMatrix();

    /// <summary><see cref="TileMatrix"/> into <paramref name="matrix"/> (Rows · Columns floats), without allocating.</summary>
    void CopyTileMatrix(Span<float> matrix);

    /// <summary>Restarts the per-MVM noise stream (e.g. for each inference time).</summary>
    void ResetNoise(ulong key);

    /// <summary>
    /// Hardware-aware training through the periphery (aihwkit's InferenceRPUConfig training): training forward passes
    /// run on the grid (which the trainer loads from the float weights each batch, <see cref="TileGrid.LoadMatrix"/>),
    /// gradients pass straight through as those of the float layer, and evaluation passes are the float layer's.
    /// False (inference): every pass runs on the grid and there is no backward pass.
    /// </summary>
    bool StraightThrough { get; set; }
}
