using Crossbar.Config;
using Crossbar.Modules;
using Crossbar.Modules.Layers;
using Crossbar.Numerics;
using Crossbar.Tiles;

namespace Crossbar.Inference;

/// <summary>
/// A trained float graph (a CNN) with every convolution and linear layer mapped onto analog tiles (aihwkit's
/// convert_to_analog; 004 Fig. 4): each layer's matrix is split over a <see cref="TileGrid"/>, each tile programmed as a
/// <see cref="MappedLayer"/> (the same conductance mapping, PCM-like programming noise, drift exponents and 1/f noise
/// as the MLP path), read through the forward periphery. Other modules (batch norm, ReLU, pooling, additions) stay
/// digital and are shared with the float graph. One instance is one programming of the chip.
/// </summary>
public sealed class AnalogGraph
{
    private readonly List<(IAnalogModule Module, MappedLayer[] Tiles, double[] MaxAbs)> _layers;

    private AnalogGraph(Graph graph, List<(IAnalogModule, MappedLayer[], double[])> layers, PcmLikeNoiseModel? pcm)
    {
        Graph = graph;
        _layers = layers;
        Pcm = pcm;
    }

    /// <summary>The graph to evaluate: analog layers in place of the float ones.</summary>
    public Graph Graph { get; }

    public IReadOnlyList<IAnalogModule> Layers => _layers.Select(l => l.Module).ToList();

    public PcmLikeNoiseModel? Pcm { get; }

    /// <summary>Devices over all tiles (G⁺ and G⁻, N per sign).</summary>
    public long DeviceCount => _layers.Sum(l => l.Module.Grid.DeviceCount);

    public int TileCount => _layers.Sum(l => l.Tiles.Length);

    /// <summary>Devices that program-and-verify left outside tolerance.</summary>
    public int FailedDevices => _layers.Sum(l => l.Tiles.Sum(t => t.FailedDevices));

    /// <summary>
    /// Maps every Conv2d and Linear of <paramref name="source"/> onto tiles and programs them (time 0).
    /// <paramref name="seed"/> picks this programming's device variation, programming noise and drift exponents.
    /// </summary>
    public static AnalogGraph Map(ExperimentConfig config, Graph source, ulong seed)
    {
        var inference = config.Inference ?? new InferenceConfig();
        var mapping = inference.Mapping;
        var device = MappedNetwork.EffectiveDevice(config);
        var pcm = inference.PcmNoise is { } p ? new PcmLikeNoiseModel(p, mapping.GMax) : null;
        var tileConfig = MappedNetwork.UnitGainTile(config.Tile);
        var periphery = new Periphery(inference.Forward);
        var rng = CounterRng.ForStream(seed, "inference-programming");
        var layers = new List<(IAnalogModule, MappedLayer[], double[])>();
        int tileIndex = 0;
        var folded = mapping.FoldBatchNorm ? FoldBatchNorms(source) : [];
        var graph = source.Convert(node =>
        {
            if (folded.TryGetValue(node.Module, out var replacement) && replacement is BatchNorm identity)
            {
                return identity;
            }
            var module = folded.TryGetValue(node.Module, out var f) ? f : node.Module;
            (int rows, int columns) = module switch
            {
                Conv2d c => (c.Fan, c.OutChannels),
                Linear l => (l.InFeatures, l.OutFeatures),
                _ => (0, 0),
            };
            if (rows == 0)
            {
                return null;
            }
            var grid = new TileGrid(rows, columns, mapping.TileRows, mapping.TileColumns, device, tileConfig, periphery, seed, tileIndex);
            tileIndex += grid.Tiles.Count;
            IAnalogModule analog = module is Conv2d conv ? new AnalogConv2d(conv, grid) : new AnalogLinear((Linear)module, grid);
            var (tiles, maxAbs) = Program(analog, mapping, pcm, ref rng);
            layers.Add((analog, tiles, maxAbs));
            return (Module)analog;
        });
        return new AnalogGraph(graph, layers, pcm);
    }

    /// <summary>
    /// Batch-norm folding (mapping.fold_batch_norm): for each Conv2d whose only consumer is a BatchNorm, a copy of the conv
    /// with W·scale per output channel and bias·scale + shift (the batch norm's evaluation affine), and in place of the
    /// batch norm one that is exactly the identity (γ = 1, β = 0, mean 0, var 1, ε = 0). The source graph is not changed.
    /// </summary>
    private static Dictionary<Module, Module> FoldBatchNorms(Graph source)
    {
        var map = new Dictionary<Module, Module>(ReferenceEqualityComparer.Instance);
        var nodes = source.Nodes;
        for (int k = 0; k < nodes.Count; k++)
        {
            if (nodes[k].Module is not BatchNorm bn || nodes[k].Inputs is not [int c] || c < 0 || nodes[c].Module is not Conv2d conv)
            {
                continue;
            }
            if (nodes.Where((n, i) => i != k && n.Inputs.Contains(c)).Any())
            {
                continue;   // the conv's output is used elsewhere too: folding would change that use
            }
            var scale = new float[bn.Channels];
            var shift = new float[bn.Channels];
            bn.EvaluationAffine(scale, shift);
            var copy = new Conv2d(conv.InChannels, conv.OutChannels, conv.Kernel, conv.Stride, conv.Padding, bias: true) { Name = conv.Name };
            int fan = conv.Fan;
            for (int o = 0; o < conv.OutChannels; o++)
            {
                for (int i = 0; i < fan; i++)
                {
                    copy.Weight.Value[o * fan + i] = conv.Weight.Value[o * fan + i] * scale[o];
                }
                copy.Bias!.Value[o] = (conv.Bias?.Value[o] ?? 0f) * scale[o] + shift[o];
            }
            var identity = new BatchNorm(bn.Channels, epsilon: 0f) { Name = bn.Name };
            Array.Fill(identity.Gamma.Value, 1f);
            Array.Clear(identity.Beta.Value);
            Array.Clear(identity.RunningMean);
            Array.Fill(identity.RunningVar, 1f);
            map[conv] = copy;
            map[bn] = identity;
        }
        return map;
    }

    /// <summary>
    /// Programs each tile of the layer: its slice of the matrix maps max |w| (of the tile, or of each column with
    /// column scaling) to the top of the conductance window, W = gain·(G⁺ − G⁻), as <see cref="MappedNetwork"/> does.
    /// </summary>
    private static (MappedLayer[] Tiles, double[] MaxAbs) Program(IAnalogModule layer, MappingConfig mapping, PcmLikeNoiseModel? pcm, ref CounterRng rng)
    {
        var grid = layer.Grid;
        var matrix = layer.TileMatrix();
        var tiles = new MappedLayer[grid.Tiles.Count];
        var maxAbs = new double[grid.Tiles.Count];
        for (int rb = 0; rb < grid.RowBlocks; rb++)
        {
            var (r0, k) = grid.RowBlock(rb);
            for (int cb = 0; cb < grid.ColumnBlocks; cb++)
            {
                int t = rb * grid.ColumnBlocks + cb;
                var (c0, m) = grid.ColumnBlock(cb);
                var w = new float[k * m];
                for (int i = 0; i < k; i++)
                {
                    matrix.AsSpan((r0 + i) * grid.Columns + c0, m).CopyTo(w.AsSpan(i * m, m));
                }
                var factors = new float[m];
                double tileMax = 0;
                for (int j = 0; j < m; j++)
                {
                    double colMax = 0;
                    for (int i = 0; i < k; i++)
                    {
                        colMax = Math.Max(colMax, Math.Abs(w[i * m + j]));
                    }
                    factors[j] = (float)colMax;
                    tileMax = Math.Max(tileMax, colMax);
                }
                if (tileMax == 0)
                {
                    tileMax = 1;
                }
                for (int j = 0; j < m; j++)
                {
                    // Column scaling: each column is stretched to the tile's max before programming, shrunk back after the ADC.
                    float f = mapping.WeightScaling == WeightScaling.Column && factors[j] > 0 ? (float)(factors[j] / tileMax) : 1f;
                    factors[j] = f;
                    if (f != 1f)
                    {
                        for (int i = 0; i < k; i++)
                        {
                            w[i * m + j] /= f;
                        }
                    }
                }
                var tile = grid.Tiles[t];
                double window = tile.Devices.Max(0) - tile.Devices.Min(0);
                if (!double.IsFinite(window) || window <= 0)
                {
                    window = mapping.GMax - mapping.GMin;
                }
                double unit = (1 - mapping.Offset) * window;   // conductance difference of the largest |w|
                double gain = mapping.Gain ?? tileMax / unit;
                tiles[t] = new MappedLayer(tile, gain, pcm);
                tiles[t].Program(w, mapping, ref rng);
                maxAbs[t] = gain * unit;
                grid.Normalization[t] = 1.0 / unit;
                grid.SetColumnFactors(t, factors);
                grid.SetAlpha(t, maxAbs[t]);
            }
        }
        return (tiles, maxAbs);
    }

    /// <summary>
    /// Moves every tile to <paramref name="tInference"/> seconds after programming (fresh 1/f noise, drift; see
    /// <see cref="MappedLayer.Realize"/>), re-reads the weights, restarts the per-MVM noise and removes any compensation.
    /// </summary>
    public void Realize(double tInference, ulong seed, ulong index)
    {
        var rng = CounterRng.ForStream(seed, "inference-read", index);
        int l = 0;
        foreach (var (module, tiles, maxAbs) in _layers)
        {
            foreach (var t in tiles)
            {
                t.Realize(tInference, ref rng);
            }
            module.Grid.Refresh();
            for (int t = 0; t < tiles.Length; t++)
            {
                module.Grid.SetAlpha(t, maxAbs[t]);
            }
            module.ResetNoise(CounterRng.StreamKey(seed, "mvm-noise", index * 1024 + (ulong)l++));
        }
    }

    /// <summary>
    /// The drift-compensation read of every tile at its present state: Σ_j |Σ_i w_ij| of its normalised weights (an
    /// all-ones input, noise-free) or mean |w| (identity probe), in tile order.
    /// </summary>
    public double[] Read(DriftProbe probe)
    {
        if (probe == DriftProbe.Calibration)
        {
            throw new CrossbarException("inference.drift.probe: calibration is not available for graph networks; use ones or identity");
        }
        var reads = new List<double>();
        foreach (var (module, tiles, _) in _layers)
        {
            var grid = module.Grid;
            for (int t = 0; t < tiles.Length; t++)
            {
                var w = grid.Normalized(t);
                int m = grid.Tiles[t].Columns, k = grid.Tiles[t].Rows;
                double sum = 0;
                if (probe == DriftProbe.Ones)
                {
                    var col = new double[m];
                    for (int i = 0; i < k; i++)
                    {
                        for (int j = 0; j < m; j++)
                        {
                            col[j] += w[i * m + j];
                        }
                    }
                    foreach (double c in col)
                    {
                        sum += Math.Abs(c);
                    }
                }
                else
                {
                    foreach (float v in w)
                    {
                        sum += Math.Abs(v);
                    }
                    sum /= w.Length;
                }
                reads.Add(sum);
            }
        }
        return [.. reads];
    }

    /// <summary>Global drift compensation per tile: α_t = max|w|_t · reference_t / read_t(now). Returns the factors.</summary>
    public double[] Compensate(DriftProbe probe, ReadOnlySpan<double> reference)
    {
        var now = Read(probe);
        var factors = new double[now.Length];
        int index = 0;
        foreach (var (module, tiles, maxAbs) in _layers)
        {
            for (int t = 0; t < tiles.Length; t++, index++)
            {
                factors[index] = now[index] > 0 ? reference[index] / now[index] : 1.0;
                module.Grid.SetAlpha(t, maxAbs[t] * factors[index]);
            }
        }
        return factors;
    }
}
