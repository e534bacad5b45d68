using Crossbar.Config;
using Crossbar.Tiles;
using Crossbar.Updates;
using static Crossbar.Tests.Updates.RuleTestKit;

namespace Crossbar.Tests.Updates;

public class MixedPrecisionAndResetTests
{
    [Fact]
    public void Mixed_precision_transfers_floor_chi_over_epsilon_pulses_and_keeps_the_rest()
    {
        var tile = Tile();
        var rule = new MixedPrecisionRule(new MixedPrecisionUpdateConfig(), tile, epsilon: 0.125);
        // χ = η·x·δ = [[0.25, −0.375], [0.125, −0.1875]] → pulses [[2, 3], [1, 1]], χ left [[0, 0], [0, −0.0625]]
        rule.Update(tile, [1f, 0.5f], [0.25f, -0.375f], 1f);
        Assert.Equal(0.2, G(tile, 0, 0, SynapseSign.Plus), 9);
        Assert.Equal(0.3, G(tile, 0, 1, SynapseSign.Minus), 9);
        Assert.Equal(0.1, G(tile, 1, 0, SynapseSign.Plus), 9);
        Assert.Equal(0.1, G(tile, 1, 1, SynapseSign.Minus), 9);
        Assert.Equal(7, tile.Devices.TotalSetPulses);
        Assert.Equal([0f, 0f, 0f, -0.0625f], rule.Chi.ToArray());
    }

    [Fact]
    public void Mixed_precision_accumulates_small_updates_until_they_reach_epsilon()
    {
        var tile = Tile(1, 1);
        var rule = new MixedPrecisionRule(new MixedPrecisionUpdateConfig(), tile, epsilon: 0.25);
        for (int k = 0; k < 3; k++)
        {
            rule.Update(tile, [1f], [0.0625f], 1f);
        }
        Assert.Equal(0, tile.Devices.TotalSetPulses);
        rule.Update(tile, [1f], [0.0625f], 1f);
        Assert.Equal(1, tile.Devices.TotalSetPulses);
        Assert.Equal(0f, rule.Chi[0]);
    }

    [Fact]
    public void Occasional_reset_resets_grown_pairs_and_reprograms_the_weight_with_pulses()
    {
        var tile = Tile();
        Set(tile, 0, 0, SynapseSign.Plus, 0.8);
        Set(tile, 0, 0, SynapseSign.Minus, 0.6); // grown, W = 0.2
        Set(tile, 1, 1, SynapseSign.Minus, 0.3); // not grown (threshold 0.5)
        var reset = new OccasionalReset(new ResetConfig { Every = 2, Criterion = ResetCriterion.Grown, Threshold = 0.5 });
        reset.AfterExample(tile);
        Assert.Equal(0.8, G(tile, 0, 0, SynapseSign.Plus), 9); // not due yet
        reset.AfterExample(tile);
        Assert.Equal(0.2, G(tile, 0, 0, SynapseSign.Plus), 9);
        Assert.Equal(0.0, G(tile, 0, 0, SynapseSign.Minus), 9);
        Assert.Equal(0.3, G(tile, 1, 1, SynapseSign.Minus), 9);
        Assert.Equal(2, tile.Devices.TotalResetPulses);
        Assert.Equal(2, tile.Devices.TotalSetPulses);
        Assert.Equal(1, reset.SynapsesReset);
    }

    [Fact]
    public void Reset_of_negative_weight_programs_G_minus()
    {
        var tile = Tile();
        Set(tile, 0, 1, SynapseSign.Plus, 0.55);
        Set(tile, 0, 1, SynapseSign.Minus, 0.9); // W = −0.35 → 3 or 4 steps; 0.3 and 0.4 are equally close, first wins
        new OccasionalReset(new ResetConfig { Every = 1, Criterion = ResetCriterion.BothGrown }).Run(tile);
        Assert.Equal(0.0, G(tile, 0, 1, SynapseSign.Plus), 9);
        Assert.InRange(G(tile, 0, 1, SynapseSign.Minus), 0.3 - 1e-9, 0.4 + 1e-9);
    }

    [Theory]
    [InlineData(ResetCriterion.Grown, new[] { true, true, false, false })]
    [InlineData(ResetCriterion.BothGrown, new[] { true, false, false, false })]
    [InlineData(ResetCriterion.All, new[] { true, true, true, true })]
    public void Reset_criterion_picks_pairs_with_both_one_or_any_device_grown(ResetCriterion criterion, bool[] expected)
    {
        // (0,0): both devices grown; (0,1): only G⁻ grown; (1,0): neither; (1,1): untouched at 0.
        var tile = Tile();
        Set(tile, 0, 0, SynapseSign.Plus, 0.9);
        Set(tile, 0, 0, SynapseSign.Minus, 0.7);
        Set(tile, 0, 1, SynapseSign.Plus, 0.2);
        Set(tile, 0, 1, SynapseSign.Minus, 0.8);
        Set(tile, 1, 0, SynapseSign.Plus, 0.4);
        Set(tile, 1, 0, SynapseSign.Minus, 0.1);
        var reset = new OccasionalReset(new ResetConfig { Every = 1, Criterion = criterion, Threshold = 0.5 });
        reset.Run(tile);
        for (int cell = 0; cell < 4; cell++)
        {
            int i = cell / 2, j = cell % 2;
            // A reset pair keeps at most one device above 0 (the re-programmed one); a skipped pair keeps both.
            bool wasReset = G(tile, i, j, SynapseSign.Plus) == 0 || G(tile, i, j, SynapseSign.Minus) == 0;
            bool untouchedZero = cell == 3;
            Assert.True(untouchedZero || wasReset == expected[cell], $"cell ({i},{j}) under {criterion}");
        }
        Assert.Equal(expected.Count(e => e), reset.SynapsesReset);
        Assert.Equal(2 * reset.SynapsesReset, tile.Devices.TotalResetPulses);
    }

    [Fact]
    public void Grown_devices_of_a_plane_are_listed_in_order_exactly_as_the_per_device_test_finds_them()
    {
        var tile = Tile(7, 9);
        var dev = tile.Devices;
        var rng = new Random(11);
        for (int d = 0; d < dev.Count; d++)
        {
            dev.Write(d, rng.NextDouble());
        }
        int start = tile.DeviceIndex(0, 0, SynapseSign.Minus), count = 7 * 9;
        var offsets = new int[count];
        int found = dev.CollectGrown(start, count, 0.6, offsets);
        var expected = Enumerable.Range(0, count).Where(i => dev.PresentNominal(start + i) > dev.Min(start + i) + 0.6 * (dev.Max(start + i) - dev.Min(start + i)));
        Assert.Equal(expected, offsets.Take(found));
        Assert.InRange(found, 1, count - 1); // the draw put devices on both sides of the threshold
        Assert.Throws<ArgumentOutOfRangeException>(() => dev.CollectGrown(start, count + 1, 0.6, new int[count + 1]));
    }
}
