using Crossbar.Config;
using Crossbar.Tiles;
using Crossbar.Updates;
using static Crossbar.Tests.Updates.RuleTestKit;

namespace Crossbar.Tests.Updates;

/// <summary>002 Fig. 2 worked by hand on a 2×2 tile of linear devices with steps of 0.1 (n_max = 10).</summary>
public class SignStepRuleTests
{
    [Fact]
    public void One_step_by_sign_of_delta_where_x_positive()
    {
        var tile = Tile();
        new SignStepRule(new SignStepUpdateConfig()).Update(tile, [1f, 0f], [0.5f, -0.5f], 123f);
        Assert.Equal(0.1, G(tile, 0, 0, SynapseSign.Plus), 9);
        Assert.Equal(0.1, G(tile, 0, 1, SynapseSign.Minus), 9);
        Assert.Equal(0.0, G(tile, 1, 0, SynapseSign.Plus), 9); // x = 0: no update
        Assert.Equal(2, tile.Devices.TotalSetPulses);
    }

    private static AnalogTile Saturated()
    {
        var tile = Tile();
        Set(tile, 0, 0, SynapseSign.Plus, 1.0);  // G⁺ = G_max
        Set(tile, 0, 0, SynapseSign.Minus, 0.3); // W = 0.7
        return tile;
    }

    [Fact]
    public void Method_a_resets_both_and_rebuilds_the_weight_on_G_plus()
    {
        var tile = Saturated();
        new SignStepRule(new SignStepUpdateConfig { Method = SaturationMethod.A }).Step(tile, 0, 0, increase: true);
        Assert.Equal(0.0, G(tile, 0, 0, SynapseSign.Minus), 9);
        Assert.InRange(G(tile, 0, 0, SynapseSign.Plus), 0.7 - 1e-9, 0.8 + 1e-9); // while G⁺ − G⁻ < W: step
        Assert.Equal(2, tile.Devices.TotalResetPulses);
    }

    [Fact]
    public void Method_b_resets_G_minus_and_steps_it_to_one_step_above_the_old_weight()
    {
        var tile = Saturated();
        new SignStepRule(new SignStepUpdateConfig { Method = SaturationMethod.B }).Step(tile, 0, 0, increase: true);
        // G⁻ ← 0; while 1 − (G⁻ + 0.1) > 0.7: G⁻ += 0.1 → G⁻ = 0.2, W = 0.8 (one step up).
        Assert.Equal(1.0, G(tile, 0, 0, SynapseSign.Plus), 9);
        Assert.Equal(0.2, G(tile, 0, 0, SynapseSign.Minus), 9);
        Assert.Equal(0.8f, tile.Weight(0, 0), 5);
        Assert.Equal(1, tile.Devices.TotalResetPulses);
        Assert.Equal(2, tile.Devices.TotalSetPulses);
    }

    [Fact]
    public void Method_c_depresses_G_minus_once()
    {
        var tile = Saturated();
        new SignStepRule(new SignStepUpdateConfig { Method = SaturationMethod.C }).Step(tile, 0, 0, increase: true);
        Assert.Equal(0.2, G(tile, 0, 0, SynapseSign.Minus), 9);
        Assert.Equal(1, tile.Devices.TotalResetPulses);
    }

    [Fact]
    public void Decrease_mirrors_the_roles_of_G_plus_and_G_minus()
    {
        var tile = Tile();
        Set(tile, 0, 0, SynapseSign.Minus, 1.0);
        Set(tile, 0, 0, SynapseSign.Plus, 0.3); // W = −0.7, G⁻ at G_max, asked to decrease
        new SignStepRule(new SignStepUpdateConfig { Method = SaturationMethod.B }).Step(tile, 0, 0, increase: false);
        Assert.Equal(0.2, G(tile, 0, 0, SynapseSign.Plus), 9);
        Assert.Equal(-0.8f, tile.Weight(0, 0), 5);
    }

    [Fact]
    public void Initialisation_d_resets_both_when_both_reach_G_max()
    {
        var tile = Tile();
        Set(tile, 0, 0, SynapseSign.Plus, 0.9);
        Set(tile, 0, 0, SynapseSign.Minus, 1.0);
        new SignStepRule(new SignStepUpdateConfig { InitD = true }).Step(tile, 0, 0, increase: true); // G⁺ 0.9 → 1.0
        Assert.Equal(0.0, G(tile, 0, 0, SynapseSign.Plus), 9);
        Assert.Equal(0.0, G(tile, 0, 0, SynapseSign.Minus), 9);
    }

    [Fact]
    public void Mini_batch_steps_by_sign_of_summed_update()
    {
        var tile = Tile();
        // Σ x·δ over a batch: +0.3, −0.2, 0, +0.01
        new SignStepRule(new SignStepUpdateConfig()).ApplyBatch(tile, [0.3f, -0.2f, 0f, 0.01f], 1f, 2);
        Assert.Equal([0.1f, -0.1f, 0f, 0.1f], tile.Weights.ToArray().Select(w => MathF.Round(w, 6)));
    }

    [Fact]
    public void Batch_dead_zone_acts_on_each_examples_delta()
    {
        var rule = new SignStepRule(new SignStepUpdateConfig { DeltaThreshold = 0.1 });
        float[] d = [0.05f, -0.2f, 0.1f, -0.05f];
        ((IAnalogUpdateRule)rule).FilterBatchDelta(d);
        Assert.Equal([0f, -0.2f, 0f, 0f], d);
    }

    [Fact]
    public void Layer_gains_give_each_tile_its_own_weight_scale()
    {
        var cfg = Crossbar.Config.ExperimentLoader.FromText("""
            network: {layers: [4, 3, 2]}
            device: {model: exponential, nonlinearity: 0, n_max: 10}
            tile: {gain: 1, layer_gains: [0.5, 2]}
            update: {rule: sign_step}
            """, "t.yaml");
        var net = Crossbar.Network.NetworkBuilder.Build(cfg);
        var tiles = net.AnalogLayers.Select(a => a.Tile.Gain).ToArray();
        Assert.Equal([0.5, 2.0], tiles);
        var bad = Crossbar.Config.ExperimentLoader.FromText("network: {layers: [4, 3, 2]}\ndevice: {model: ideal}\ntile: {layer_gains: [1, 1, 1]}\n", "t.yaml");
        Assert.Contains("layer_gains", Assert.Throws<CrossbarException>(() => Crossbar.Network.NetworkBuilder.Build(bad)).Message);
    }
}
