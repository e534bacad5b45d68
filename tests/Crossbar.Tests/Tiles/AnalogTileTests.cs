using Crossbar.Config;
using Crossbar.Numerics;
using Crossbar.Tiles;
using static Crossbar.Tests.Devices.DeviceTestHelpers;

namespace Crossbar.Tests.Tiles;

public class AnalogTileTests
{
    private static AnalogTile Tile(string device, TileConfig? tile = null, int inputs = 13, int outputs = 7, bool bias = true, ulong seed = 3) =>
        new(inputs, outputs, bias, Device(device), tile, seed);

    private static void RandomPulses(AnalogTile tile, ulong seed, int count = 400)
    {
        var rng = CounterRng.ForStream(seed, "test-pulses");
        for (int n = 0; n < count; n++)
        {
            tile.ActiveDevice = rng.NextInt(tile.DevicesPerSign);
            tile.ApplyPulses(rng.NextInt(tile.Rows), rng.NextInt(tile.Columns), rng.NextInt(7) - 3, rng.NextInt(7) - 3);
        }
    }

    /// <summary>W[i,j] straight from the devices: gain·Σ_k (G⁺_k − G⁻_k).</summary>
    private static float[] ReferenceWeights(AnalogTile t)
    {
        var w = new float[t.Rows * t.Columns];
        for (int i = 0; i < t.Rows; i++)
        {
            for (int j = 0; j < t.Columns; j++)
            {
                double s = 0;
                for (int k = 0; k < t.DevicesPerSign; k++)
                {
                    s += t.Devices.Present(t.DeviceIndex(i, j, SynapseSign.Plus, k));
                    if (t.Signs == 2)
                    {
                        s -= t.Devices.Present(t.DeviceIndex(i, j, SynapseSign.Minus, k));
                    }
                }
                w[i * t.Columns + j] = (float)(t.Gain * s);
            }
        }
        return w;
    }

    [Theory]
    [InlineData("model: constant_step\nw_min: 0\nw_max: 1\ndw_min: 0.02", 1, true)]
    [InlineData("model: jump_table\ntable: builtin:pcmo\nvariation: 0.2", 3, true)]
    [InlineData("model: exponential\nnonlinearity: 2", 2, false)]
    public void Forward_and_backward_equal_a_dense_reference_matvec(string device, int perSign, bool bias)
    {
        var tile = Tile(device, new TileConfig { DevicesPerSign = perSign, Gain = 2.5 }, bias: bias);
        RandomPulses(tile, 1);
        var w = ReferenceWeights(tile);
        var cached = tile.Weights.ToArray();
        for (int i = 0; i < w.Length; i++)
        {
            Assert.Equal(w[i], cached[i], 1e-6f);
        }

        var rng = CounterRng.ForStream(2, "x");
        var x = new float[tile.Inputs];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = i % 3 == 0 ? 0f : rng.NextFloat() - 0.3f; // zeros exercise the skip
        }
        var y = new float[tile.Outputs];
        tile.Forward(x, y);
        for (int j = 0; j < tile.Outputs; j++)
        {
            double r = bias ? w[tile.Inputs * tile.Columns + j] : 0;
            for (int i = 0; i < tile.Inputs; i++)
            {
                r += x[i] * w[i * tile.Columns + j];
            }
            Assert.Equal(r, y[j], 1e-5);
        }

        var delta = new float[tile.Outputs];
        for (int j = 0; j < delta.Length; j++)
        {
            delta[j] = rng.NextFloat() - 0.5f;
        }
        var back = new float[tile.Inputs];
        tile.Backward(delta, back);
        for (int i = 0; i < tile.Inputs; i++)
        {
            double r = 0;
            for (int j = 0; j < tile.Outputs; j++)
            {
                r += w[i * tile.Columns + j] * delta[j];
            }
            Assert.Equal(r, back[i], 1e-5);
        }
    }

    [Fact]
    public void Row_pulses_and_single_pulses_give_identical_tiles()
    {
        const string device = "model: jump_table\ntable: builtin:pcm";
        var a = Tile(device);
        var b = Tile(device);
        int[] counts = [2, 0, -1, 3, 0, 1, -2];
        a.ApplyRowPulses(4, SynapseSign.Minus, counts);
        for (int j = 0; j < counts.Length; j++)
        {
            b.ApplyPulses(4, j, 0, counts[j]);
        }
        Assert.Equal(a.Weights.ToArray(), b.Weights.ToArray());
        Assert.Equal(a.Devices.Stored, b.Devices.Stored);
        Assert.Equal(6, a.Devices.TotalSetPulses);
        Assert.Equal(3, a.Devices.TotalResetPulses);
    }

    [Fact]
    public void Same_seed_same_tile_different_seed_different_tile()
    {
        const string device = "model: linear_step\nw_min: 0\nw_max: 1\ngamma_up: 0.5\ndw_min: 0.02";
        var a = Tile(device, seed: 5);
        var b = Tile(device, seed: 5);
        var c = Tile(device, seed: 6);
        RandomPulses(a, 8);
        RandomPulses(b, 8);
        RandomPulses(c, 8);
        Assert.Equal(a.Weights.ToArray(), b.Weights.ToArray());
        Assert.NotEqual(a.Weights.ToArray(), c.Weights.ToArray());
    }

    [Fact]
    public void Drift_lowers_weights_with_the_clock_and_cache_refreshes()
    {
        var tile = Tile("model: ideal\ndrift: {nu: 0.1, t0: 1}", new TileConfig { TimePerExample = 1 }, inputs: 2, outputs: 2, bias: false);
        tile.WriteWeights([0.5f, -0.25f, 0.0f, 0.75f]);
        Assert.Equal(0.5f, tile.Weight(0, 0), 1e-6f);
        tile.AdvanceExample(10_000);
        float f = (float)Math.Pow(10, -0.4);
        Assert.Equal(0.5f * f, tile.Weight(0, 0), 1e-6f);
        Assert.Equal(-0.25f * f, tile.Weight(0, 1), 1e-6f);
        Assert.Equal(0.75f * f, tile.Weight(1, 1), 1e-6f);
    }

    [Fact]
    public void Input_and_output_quantisation()
    {
        var cfg = new TileConfig { InputLevels = 5, InputMin = 0, InputMax = 1, OutputLevels = 3, OutputRange = 1 };
        var tile = Tile("model: ideal\ng_min: -10\ng_max: 10", cfg, inputs: 1, outputs: 1, bias: false);
        tile.WriteWeights([0.8f]);
        var y = new float[1];
        tile.Forward([0.3f], y); // x → 0.25, y = 0.2 → ADC levels {−1, 0, 1} → 0
        Assert.Equal(0f, y[0]);
        tile.Forward([0.9f], y); // x → 1.0, y = 0.8 → 1
        Assert.Equal(1f, y[0]);
    }

    [Fact]
    public void Read_noise_on_outputs_has_the_variance_of_per_device_noise()
    {
        var tile = Tile("model: ideal\ng_min: 0\ng_max: 1\nread_noise: {relative: 0.1}", inputs: 4, outputs: 1, bias: false);
        tile.WriteWeights([0.5f, 0.2f, -0.4f, 0.1f]);
        float[] x = [1f, 0.5f, 1f, 0f];
        // Var = Σ x_i²·(0.1·G_i)² over both devices of each synapse; G⁻ rows sit at 0 except the negative weight.
        double expectedVar = 0.01 * (0.25 + 0.25 * 0.04 + 0.16);
        var y = new float[1];
        double sum = 0, sumSq = 0;
        const int n = 40_000;
        for (int r = 0; r < n; r++)
        {
            tile.Forward(x, y);
            sum += y[0];
            sumSq += y[0] * y[0];
        }
        double mean = sum / n;
        Assert.Equal(0.5 + 0.1 - 0.4, mean, 0.003);
        Assert.Equal(expectedVar, sumSq / n - mean * mean, 0.05 * expectedVar);
    }

    [Fact]
    public void Program_weights_with_pulses_reaches_targets()
    {
        var tile = Tile("model: constant_step\nw_min: 0\nw_max: 1\ndw_min: 0.01\ndw_min_std: 0.1", inputs: 3, outputs: 2, bias: false);
        float[] target = [0.3f, -0.2f, 0.0f, 0.5f, -0.45f, 0.1f];
        int failed = tile.ProgramWeights(target, tolerance: 0.01, maxPulses: 500);
        Assert.Equal(0, failed);
        for (int i = 0; i < target.Length; i++)
        {
            Assert.Equal(target[i], tile.Weights[i], 0.025f);
        }
        Assert.True(tile.Devices.EnergyPj > 0);
    }

    [Fact]
    public void Reset_synapse_returns_devices_to_their_initial_state_and_counts_a_reset()
    {
        var tile = Tile("model: n_level\nsigma: 0", inputs: 2, outputs: 2, bias: false);
        tile.ApplyPulses(1, 1, 5, 0);
        Assert.True(tile.Weight(1, 1) > 0);
        tile.ResetSynapse(1, 1, SynapseSign.Plus);
        Assert.Equal(0f, tile.Weight(1, 1), 1e-7f);
        Assert.Equal(1, tile.Devices.TotalResetPulses);
    }
}
