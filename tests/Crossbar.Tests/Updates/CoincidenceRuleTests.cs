using Crossbar.Config;
using Crossbar.Tiles;
using Crossbar.Updates;
using static Crossbar.Tests.Updates.RuleTestKit;

namespace Crossbar.Tests.Updates;

/// <summary>Pulse counts and conductance changes of the crossbar-compatible rule, worked out by hand on a 2×2 tile.</summary>
public class CoincidenceRuleTests
{
    // N = 4 slots, η = 4: ρ = √(η/N)·|v| = |v|, so n = round(4·|v|): x = [1, 0.5] → n_x = [4, 2]; δ = [1, −0.5] → n_δ = [4, 2].
    // Deterministic placement: overlap = ⌊n_x·n_δ/N⌋ → [[4, 2], [2, 1]]; column 1 has δ < 0, so its pulses SET G⁻.
    private static readonly float[] X = [1f, 0.5f];
    private static readonly float[] Delta = [1f, -0.5f];

    [Fact]
    public void Unidirectional_pulse_counts_match_hand_calculation()
    {
        var tile = Tile();
        var rule = CoincidenceRule.PulseCoincidence(new PulseCoincidenceUpdateConfig { Slots = 4, Placement = PulsePlacement.Deterministic, StochasticRounding = false }, tile, 1, 0);
        rule.Update(tile, X, Delta, 4f);
        Assert.Equal(0.4, G(tile, 0, 0, SynapseSign.Plus), 9);
        Assert.Equal(0.2, G(tile, 1, 0, SynapseSign.Plus), 9);
        Assert.Equal(0.2, G(tile, 0, 1, SynapseSign.Minus), 9);
        Assert.Equal(0.1, G(tile, 1, 1, SynapseSign.Minus), 9);
        Assert.Equal(0.0, G(tile, 0, 0, SynapseSign.Minus), 9);
        Assert.Equal(9, tile.Devices.TotalSetPulses);
        Assert.Equal(0, tile.Devices.TotalResetPulses);
        Assert.Equal([0.4f, -0.2f, 0.2f, -0.1f], tile.Weights.ToArray().Select(w => MathF.Round(w, 6)));
    }

    [Fact]
    public void Bidirectional_resets_the_other_device_with_its_own_rate()
    {
        var tile = Tile();
        foreach (var s in new[] { SynapseSign.Plus, SynapseSign.Minus })
        {
            for (int i = 0; i < 2; i++)
            {
                for (int j = 0; j < 2; j++)
                {
                    Set(tile, i, j, s, 0.5);
                }
            }
        }
        // η_RESET = η_SET/4: the RESET bit-line train uses ρ = (η_RESET/N)/√(η_SET/N)·|δ| = |δ|/4 → n = [1, 0].
        var cfg = new PulseCoincidenceUpdateConfig { Slots = 4, Placement = PulsePlacement.Deterministic, StochasticRounding = false, Direction = DeviceDirection.Bidirectional, EtaSet = 4, EtaReset = 1 };
        var rule = CoincidenceRule.PulseCoincidence(cfg, tile, 1, 0);
        rule.Update(tile, X, Delta, 999f); // eta_set/eta_reset override the global rate
        // SET counts as before: [[4, 2], [2, 1]]; RESET counts ⌊n_x·[1, 0]/4⌋ = [[1, 0], [0, 0]].
        Assert.Equal(0.9, G(tile, 0, 0, SynapseSign.Plus), 9);
        Assert.Equal(0.4, G(tile, 0, 0, SynapseSign.Minus), 9);
        Assert.Equal(0.7, G(tile, 0, 1, SynapseSign.Minus), 9);
        Assert.Equal(0.5, G(tile, 0, 1, SynapseSign.Plus), 9);
        Assert.Equal(9, tile.Devices.TotalSetPulses);
        Assert.Equal(1, tile.Devices.TotalResetPulses);
    }

    [Fact]
    public void Zero_input_rows_and_bias_row()
    {
        var tile = Tile(bias: true);
        var rule = CoincidenceRule.PulseCoincidence(new PulseCoincidenceUpdateConfig { Slots = 4, Placement = PulsePlacement.Deterministic, StochasticRounding = false }, tile, 1, 0);
        rule.Update(tile, [0f, 0f], [1f, 0f], 4f);
        // Only the bias row (x = 1) and column 0 (δ ≠ 0) receive pulses: 4 SET pulses on G⁺ of (2, 0).
        Assert.Equal(4, tile.Devices.TotalSetPulses);
        Assert.Equal(0.4, G(tile, 2, 0, SynapseSign.Plus), 9);
    }

    [Fact]
    public void Stochastic_streams_give_BL_pulses_at_full_probability_and_the_right_mean()
    {
        var tile = Tile(1, 1, nMax: 1_000_000);
        var rule = CoincidenceRule.Stochastic(new StochasticUpdateConfig { Bl = 10 }, tile, pulseWeight: 1f, seed: 1, layer: 0);
        // C = √(η/(BL·Δw)) = 1 with η = 10: p = min(1, |v|).
        rule.Update(tile, [1f], [1f], 10f);
        Assert.Equal(10, tile.Devices.TotalSetPulses);
        // p_x = p_δ = 0.5: E[coincidences] = BL·0.25 = 2.5 per update.
        long before = tile.Devices.TotalSetPulses;
        const int updates = 4000;
        for (int k = 0; k < updates; k++)
        {
            rule.Update(tile, [0.5f], [0.5f], 10f);
        }
        double mean = (tile.Devices.TotalSetPulses - before) / (double)updates;
        Assert.InRange(mean, 2.5 * 0.95, 2.5 * 1.05);
    }

    [Fact]
    public void Simd_counting_on_a_large_tile_matches_the_overlap_formula()
    {
        // 40 inputs + bias × 37 outputs, 16 slots: rows and columns long enough for the 16-lane SIMD counting kernel, its
        // compaction and the layer-wide compact list. η = 16 makes n = round(16·|v|); deterministic placement gives
        // ⌊n_x·n_δ/16⌋ SET pulses on G⁺ (x·δ > 0) or G⁻ (x·δ < 0) of every synapse.
        const int inputs = 40, outputs = 37, slots = 16;
        var tile = Tile(inputs, outputs, nMax: 1000, bias: true);
        var cfg = new PulseCoincidenceUpdateConfig { Slots = slots, Placement = PulsePlacement.Deterministic, StochasticRounding = false };
        var rule = CoincidenceRule.PulseCoincidence(cfg, tile, 1, 0);
        var rng = new Random(11);
        float[] x = [.. Enumerable.Range(0, inputs).Select(_ => rng.Next(4) == 0 ? 0f : (float)(rng.NextDouble() * 2 - 1))];
        float[] delta = [.. Enumerable.Range(0, outputs).Select(_ => rng.Next(5) == 0 ? 0f : (float)(rng.NextDouble() * 2 - 1))];
        rule.Update(tile, x, delta, slots);
        static int Count(float v) => (int)MathF.Round(slots * MathF.Min(1f, MathF.Abs(v)));
        for (int i = 0; i <= inputs; i++)
        {
            float xi = i < inputs ? x[i] : 1f;
            for (int j = 0; j < outputs; j++)
            {
                int expected = Count(xi) * Count(delta[j]) / slots;
                bool plus = xi * delta[j] > 0;
                Assert.Equal(plus ? expected : 0, tile.Devices.SetPulses[tile.DeviceIndex(i, j, SynapseSign.Plus)]);
                Assert.Equal(plus ? 0 : expected, tile.Devices.SetPulses[tile.DeviceIndex(i, j, SynapseSign.Minus)]);
            }
        }
        Assert.Equal(0, tile.Devices.TotalResetPulses);
    }
}
