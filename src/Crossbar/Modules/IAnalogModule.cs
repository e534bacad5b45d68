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

    /// <summary>Restarts the per-MVM noise stream (e.g. for each inference time).</summary>
    void ResetNoise(ulong key);
}
