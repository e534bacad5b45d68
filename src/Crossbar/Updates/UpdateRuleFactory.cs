using Crossbar.Config;
using Crossbar.Devices;
using Crossbar.Tiles;

namespace Crossbar.Updates;

/// <summary>Creates the analog update rule the <c>update</c> section names, for one tile.</summary>
public static class UpdateRuleFactory
{
    public static IAnalogUpdateRule Create(ExperimentConfig config, AnalogTile tile, int layer, string? baseDirectory)
    {
        var device = config.Device ?? throw new InvalidOperationException("analog rule without a device section");
        return config.Update switch
        {
            SgdUpdateConfig => new IdealRule(),
            PulseCoincidenceUpdateConfig c => CoincidenceRule.PulseCoincidence(c, tile, config.Seed, layer),
            SignStepUpdateConfig c => new SignStepRule(c),
            StochasticUpdateConfig c => CoincidenceRule.Stochastic(c, tile,
                (float)(c.PulseWeight ?? tile.Gain * DeviceStep.MeanSetStep(device, config.Seed, baseDirectory)), config.Seed, layer),
            MixedPrecisionUpdateConfig c => new MixedPrecisionRule(c, tile,
                c.Epsilon ?? tile.Gain * DeviceStep.MeanSetStep(device, config.Seed, baseDirectory)),
            _ => throw new CrossbarException($"update.rule '{ConfigBinder.VariantName(config.Update.GetType())}' is not supported on analog tiles"),
        };
    }
}
