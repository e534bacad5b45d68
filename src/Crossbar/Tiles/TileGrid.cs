using System.Numerics.Tensors;
using Crossbar.Config;
using Crossbar.Numerics;

namespace Crossbar.Tiles;

/// <summary>
/// One layer's weight matrix (rows = inputs, e.g. a conv's in·kh·kw; columns = outputs) spread over a grid of
/// <see cref="AnalogTile"/>s of at most tile_rows × tile_columns (aihwkit's tile array, max_input_size/max_output_size).
/// Each tile does its own MVM through the <see cref="Periphery"/> (its own noise management, DAC, output noise and ADC);
/// the partial outputs of the tiles of one column block are summed digitally. The MVM runs on each tile's weights in
/// normalised units (max |w| ≈ 1 at programming), read from its devices by <see cref="Refresh"/>; <see cref="Alpha"/>
/// (and per-column factors) turn normalised outputs back into the layer's units and carry the drift compensation.
/// </summary>
public sealed class TileGrid
{
    private readonly AnalogTile[] _tiles;
    private readonly float[][] _normalized;
    private readonly int _tileRows;
    private readonly int _tileColumns;
    private readonly double[] _alpha;
    private readonly float[][] _columnFactors;
    private readonly float[][] _gains; // α_t · column factor, per tile column

    public TileGrid(int rows, int columns, int tileRows, int tileColumns, DeviceConfig device, TileConfig tile, Periphery periphery,
                    ulong seed, int firstIndex)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        Rows = rows;
        Columns = columns;
        _tileRows = Math.Min(tileRows, rows);
        _tileColumns = Math.Min(tileColumns, columns);
        RowBlocks = (rows + _tileRows - 1) / _tileRows;
        ColumnBlocks = (columns + _tileColumns - 1) / _tileColumns;
        Periphery = periphery;
        _tiles = new AnalogTile[RowBlocks * ColumnBlocks];
        _normalized = new float[_tiles.Length][];
        for (int rb = 0; rb < RowBlocks; rb++)
        {
            for (int cb = 0; cb < ColumnBlocks; cb++)
            {
                int t = rb * ColumnBlocks + cb;
                _tiles[t] = new AnalogTile(RowBlock(rb).Count, ColumnBlock(cb).Count, bias: false, device, tile, seed, firstIndex + t);
                _normalized[t] = new float[_tiles[t].Rows * _tiles[t].Columns];
            }
        }
        Normalization = Enumerable.Repeat(1.0, _tiles.Length).ToArray();
        _alpha = Enumerable.Repeat(1.0, _tiles.Length).ToArray();
        _columnFactors = _tiles.Select(t => Enumerable.Repeat(1f, t.Columns).ToArray()).ToArray();
        _gains = _tiles.Select(t => Enumerable.Repeat(1f, t.Columns).ToArray()).ToArray();
    }

    public int Rows { get; }

    public int Columns { get; }

    public int RowBlocks { get; }

    public int ColumnBlocks { get; }

    public Periphery Periphery { get; }

    /// <summary>Tiles row block by row block: tile (rb, cb) is at rb·<see cref="ColumnBlocks"/> + cb.</summary>
    public IReadOnlyList<AnalogTile> Tiles => _tiles;

    /// <summary>Per tile: normalised weight per unit of the tile's read weight (1 / conductance of a unit weight).</summary>
    public double[] Normalization { get; }

    /// <summary>Layer weight per normalised unit of tile <paramref name="t"/>, times its drift compensation.</summary>
    public double Alpha(int t) => _alpha[t];

    /// <summary>Sets <see cref="Alpha"/> of tile <paramref name="t"/>.</summary>
    public void SetAlpha(int t, double alpha)
    {
        _alpha[t] = alpha;
        TensorPrimitives.Multiply(_columnFactors[t], (float)alpha, _gains[t]);
    }

    /// <summary>Digital factors of tile <paramref name="t"/>'s columns after the ADC (per-column weight scaling; 1 otherwise).</summary>
    public ReadOnlySpan<float> ColumnFactors(int t) => _columnFactors[t];

    public void SetColumnFactors(int t, ReadOnlySpan<float> factors)
    {
        factors.CopyTo(_columnFactors[t]);
        SetAlpha(t, _alpha[t]);
    }

    /// <summary>Devices in the grid.</summary>
    public long DeviceCount => _tiles.Sum(t => (long)t.Devices.Count);

    public int MaxTileRows => _tileRows;

    public int MaxTileColumns => _tileColumns;

    public (int Start, int Count) RowBlock(int rb) => (rb * _tileRows, Math.Min(_tileRows, Rows - rb * _tileRows));

    public (int Start, int Count) ColumnBlock(int cb) => (cb * _tileColumns, Math.Min(_tileColumns, Columns - cb * _tileColumns));

    /// <summary>The normalised weights the MVM of tile <paramref name="t"/> uses (tile rows × columns).</summary>
    public ReadOnlySpan<float> Normalized(int t) => _normalized[t];

    /// <summary>Re-reads every tile's devices (drift, read noise as realised) into the normalised weights.</summary>
    public void Refresh()
    {
        for (int t = 0; t < _tiles.Length; t++)
        {
            TensorPrimitives.Multiply(_tiles[t].Weights, (float)Normalization[t], _normalized[t]);
        }
    }

    /// <summary>
    /// Loads the layer's matrix (<see cref="Rows"/> × <see cref="Columns"/>, row-major) straight into the normalised
    /// weights, bypassing the devices: each tile's max |w| becomes 1 and <see cref="Alpha"/> (hardware-aware training
    /// through the periphery: the MVM sees the tile's ranges, the float weights are what is trained).
    /// </summary>
    public void LoadMatrix(ReadOnlySpan<float> matrix)
    {
        for (int rb = 0; rb < RowBlocks; rb++)
        {
            var (r0, k) = RowBlock(rb);
            for (int cb = 0; cb < ColumnBlocks; cb++)
            {
                int t = rb * ColumnBlocks + cb;
                var (c0, m) = ColumnBlock(cb);
                var w = _normalized[t];
                float max = 0;
                for (int i = 0; i < k; i++)
                {
                    var src = matrix.Slice((r0 + i) * Columns + c0, m);
                    src.CopyTo(w.AsSpan(i * m, m));
                    max = MathF.Max(max, MathF.Abs(TensorPrimitives.MaxMagnitude(src)));
                }
                if (max > 0)
                {
                    TensorPrimitives.Multiply(w, 1f / max, w);
                }
                _columnFactors[t].AsSpan().Fill(1f);
                SetAlpha(t, max > 0 ? max : 1);
            }
        }
    }

    /// <summary>
    /// A layer weight stored [outputs, inputs] (PyTorch's layout for Linear and Conv2d, in·kh·kw per output) as the grid's
    /// inputs × outputs matrix, row-major, into <paramref name="matrix"/>.
    /// </summary>
    public static void TransposeWeight(ReadOnlySpan<float> weight, int outputs, int inputs, Span<float> matrix)
    {
        for (int o = 0; o < outputs; o++)
        {
            for (int i = 0; i < inputs; i++)
            {
                matrix[i * outputs + o] = weight[o * inputs + i];
            }
        }
    }

    /// <summary>Counter values one MVM call of <paramref name="vectors"/> vectors consumes from the noise stream.</summary>
    public ulong NoiseHashes(int vectors)
    {
        ulong h = 0;
        for (int cb = 0; cb < ColumnBlocks; cb++)
        {
            h += (ulong)RowBlocks * GaussianBlock.Hashes(ColumnBlock(cb).Count * vectors);
        }
        return h;
    }

    /// <summary>Scratch for one worker, for calls of up to <paramref name="vectors"/> vectors.</summary>
    public GridScratch CreateScratch(int vectors) => new(_tileRows * vectors, _tileColumns * vectors, vectors);

    /// <summary>
    /// Columns layout: y (Columns × p) = Wᵀ·x for x (Rows × p), one analog MVM per column of x on every tile.
    /// Noise comes from block (<paramref name="key"/>, <paramref name="counter"/> …) of <see cref="NoiseHashes"/>(p).
    /// </summary>
    public void MultiplyColumns(ReadOnlySpan<float> x, int p, Span<float> y, ulong key, ulong counter, GridScratch s)
    {
        var io = Periphery;
        for (int rb = 0; rb < RowBlocks; rb++)
        {
            var (r0, k) = RowBlock(rb);
            ReadOnlySpan<float> xin = x.Slice(r0 * p, k * p);
            if (!io.IsIdeal)
            {
                io.PrepareColumns(xin, k, p, s.Inputs, s.Scales, s.Multipliers);
                xin = s.Inputs.AsSpan(0, k * p);
            }
            for (int cb = 0; cb < ColumnBlocks; cb++)
            {
                int t = rb * ColumnBlocks + cb;
                var (c0, m) = ColumnBlock(cb);
                var yt = s.Outputs.AsSpan(0, m * p);
                Gemm.Multiply(true, false, m, p, k, _normalized[t], m, xin, p, yt, p);
                var gains = _gains[t];
                var dst = y.Slice(c0 * p, m * p);
                if (io.IsIdeal)
                {
                    for (int j = 0; j < m; j++)
                    {
                        var src = yt.Slice(j * p, p);
                        var d = dst.Slice(j * p, p);
                        if (rb == 0)
                        {
                            TensorPrimitives.Multiply(src, gains[j], d);
                        }
                        else
                        {
                            TensorPrimitives.MultiplyAdd(src, gains[j], d, d);
                        }
                    }
                }
                else
                {
                    io.FinishColumns(yt, m, p, s.Scales, gains, key, counter, s.Noise, dst, accumulate: rb > 0);
                    counter += GaussianBlock.Hashes(m * p);
                }
            }
        }
    }

    /// <summary>
    /// Rows layout: y (n × Columns) = x·W for x (n × Rows, rows <paramref name="ldx"/> apart), one analog MVM per row of x.
    /// Noise as in <see cref="MultiplyColumns"/> with <see cref="NoiseHashes"/>(n).
    /// </summary>
    public void MultiplyRows(ReadOnlySpan<float> x, int n, int ldx, Span<float> y, ulong key, ulong counter, GridScratch s)
    {
        var io = Periphery;
        for (int rb = 0; rb < RowBlocks; rb++)
        {
            var (r0, k) = RowBlock(rb);
            ReadOnlySpan<float> xin;
            int ld;
            if (io.IsIdeal)
            {
                xin = x[r0..];
                ld = ldx;
            }
            else
            {
                io.PrepareRows(x[r0..], n, k, ldx, s.Inputs, s.Scales);
                xin = s.Inputs.AsSpan(0, n * k);
                ld = k;
            }
            for (int cb = 0; cb < ColumnBlocks; cb++)
            {
                int t = rb * ColumnBlocks + cb;
                var (c0, m) = ColumnBlock(cb);
                var yt = s.Outputs.AsSpan(0, n * m);
                Gemm.Multiply(false, false, n, m, k, xin, ld, _normalized[t], m, yt, m);
                var gains = _gains[t];
                if (io.IsIdeal)
                {
                    for (int i = 0; i < n; i++)
                    {
                        var src = yt.Slice(i * m, m);
                        var dst = y.Slice(i * Columns + c0, m);
                        if (rb == 0)
                        {
                            TensorPrimitives.Multiply(src, gains, dst);
                        }
                        else
                        {
                            TensorPrimitives.MultiplyAdd(src, gains, dst, dst);
                        }
                    }
                }
                else
                {
                    io.FinishRows(yt, n, m, s.Scales, gains, key, counter, s.Noise, y[c0..], Columns, accumulate: rb > 0);
                    counter += GaussianBlock.Hashes(n * m);
                }
            }
        }
    }
}
