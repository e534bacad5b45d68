using Crossbar.Config;
using Crossbar.Network;
using Crossbar.Updates;

namespace Crossbar.Tests.Updates;

public class LocalGainsTests
{
    private static (Mlp Net, LocalGains Lg) Make(LocalGainsVariant variant)
    {
        var cfg = new NetworkConfig { Layers = [3, 2, 2], OutputActivation = new ActivationConfig { Kind = ActivationKind.Tanh }, Loss = LossKind.SquaredError };
        var net = NetworkBuilder.BuildFloat(cfg, 1);
        var lg = new LocalGains(new LocalGainsConfig { Enabled = true, Variant = variant, Lgc = 0.1, MinGain = 0.5, MaxGain = 1.25 }, cfg.Layers);
        return (net, lg);
    }

    [Fact]
    public void Gains_follow_Eq1_linear_up_exponential_down_and_clamp()
    {
        var (net, lg) = Make(LocalGainsVariant.Initial);
        // Input neuron 0 always positive, neuron 1 alternates 1/0, neuron 2 always 0.
        float[][] xs = [[1, 1, 0], [1, 0, 0], [1, 1, 0], [1, 1, 0], [1, 1, 0]];
        foreach (var x in xs)
        {
            net.Forward(x);
            net.Backward(0);
            lg.Observe(net);
        }
        var g = lg.Gx(0).ToArray();
        // neuron 0: first example has no predecessor → 1·0.9 = 0.9, then +0.1 ×4 = 1.3 → clamped to 1.25
        Assert.Equal(1.25f, g[0], 5);
        // neuron 1: 0.9 (first), 0.81 (1·0), 0.729 (0·1), 0.829 (1·1), 0.929 (1·1)
        Assert.Equal(0.929f, g[1], 4);
        // neuron 2: always ×0.9 but floored at 0.5: 0.9, 0.81, 0.729, 0.6561, 0.59049
        Assert.Equal(0.59049f, g[2], 4);
    }

    [Fact]
    public void Intermediate_keeps_hidden_gx_constant_and_scales_updates()
    {
        var (net, lg) = Make(LocalGainsVariant.Intermediate);
        Assert.Equal(0.1f, lg.GxConstant(1));
        var scaled = lg.ScaleX(1, [2f, -4f]).ToArray();
        Assert.Equal([0.2f, -0.4f], scaled);
        Assert.False(lg.NeedsInputErrors);
    }

    [Fact]
    public void Final_variant_drives_input_gx_by_input_error_sign()
    {
        var (net, lg) = Make(LocalGainsVariant.Final);
        Assert.True(lg.NeedsInputErrors);
        float[] x = [1, 1, 1];
        for (int k = 0; k < 4; k++)
        {
            net.Forward(x);
            net.Backward(0, inputErrors: true);
            lg.Observe(net);
        }
        // Same input and label each time: the input errors keep their sign, so after the first example every g_x grows.
        var e0 = net.Errors(0).ToArray();
        var g = lg.Gx(0).ToArray();
        for (int i = 0; i < 3; i++)
        {
            if (e0[i] != 0)
            {
                Assert.Equal(0.9f + 0.3f, g[i], 4);
            }
        }
    }
}
