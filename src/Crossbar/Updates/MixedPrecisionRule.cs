using Crossbar.Config;
using Crossbar.Numerics;
using Crossbar.Tiles;

namespace Crossbar.Updates;

/// <summary>
/// Mixed-precision update of 004_0960042c272041a3.txt Fig. 5a: ΔW = η·x·δ accumulates in a high-precision χ per
/// synapse (in the digital unit); when |χ| ≥ ε, n = ⌊|χ|/ε⌋ pulses are applied to the device pair and χ is reduced by
/// n·ε, the change those pulses stand for. ε is the weight change of one device pulse.
/// </summary>
public sealed class MixedPrecisionRule : IAnalogUpdateRule
{
    private readonly float[] _chi;
    private readonly float _epsilon;
    private readonly DeviceDirection _direction;
    private readonly int _maxPulses;

    public MixedPrecisionRule(MixedPrecisionUpdateConfig config, AnalogTile tile, double epsilon)
    {
        _chi = new float[tile.Rows * tile.Columns];
        _epsilon = (float)epsilon;
        _direction = config.Direction;
        _maxPulses = config.MaxPulses;
    }

    public float Epsilon => _epsilon;

    /// <summary>The accumulated, not yet applied weight change χ (Rows × Columns).</summary>
    public ReadOnlySpan<float> Chi => _chi;

    /// <summary>Checkpoint state: the high-precision accumulator χ (updates not yet transferred to the devices).</summary>
    public void SaveState(BinaryWriter writer) => StateIO.WriteArray<float>(writer, _chi);

    public void LoadState(BinaryReader reader) => StateIO.ReadArray<float>(reader, _chi, "mixed-precision accumulator χ");

    public void Update(AnalogTile tile, ReadOnlySpan<float> x, ReadOnlySpan<float> delta, float learningRate)
    {
        int cols = tile.Columns;
        for (int i = 0; i < tile.Rows; i++)
        {
            float s = learningRate * (i < tile.Inputs ? x[i] : 1f);
            if (s == 0f)
            {
                continue;
            }
            var chi = _chi.AsSpan(i * cols, cols);
            Kernels.Axpy(s, delta, chi);
            Transfer(tile, i, chi);
        }
    }

    public void ApplyBatch(AnalogTile tile, ReadOnlySpan<float> sumXDelta, float learningRate, int batch)
    {
        int cols = tile.Columns;
        for (int i = 0; i < tile.Rows; i++)
        {
            var chi = _chi.AsSpan(i * cols, cols);
            Kernels.Axpy(learningRate / batch, sumXDelta.Slice(i * cols, cols), chi);
            Transfer(tile, i, chi);
        }
    }

    private void Transfer(AnalogTile tile, int row, Span<float> chi)
    {
        float eps = _epsilon;
        for (int j = 0; j < chi.Length; j++)
        {
            float c = chi[j];
            if (MathF.Abs(c) < eps)
            {
                continue;
            }
            int n = (int)Math.Min(_maxPulses, MathF.Floor(MathF.Abs(c) / eps));
            bool up = c > 0f;
            if (tile.Signs == 1)
            {
                tile.ApplyPulses(row, j, up ? n : -n, 0);
            }
            else if (_direction == DeviceDirection.Unidirectional)
            {
                tile.ApplyPulses(row, j, up ? n : 0, up ? 0 : n);
            }
            else
            {
                tile.ApplyPulses(row, j, up ? n : -n, up ? -n : n);
            }
            chi[j] = up ? c - n * eps : c + n * eps;
        }
    }
}
