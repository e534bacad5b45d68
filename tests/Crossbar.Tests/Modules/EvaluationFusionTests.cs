using Crossbar.Config;
using Crossbar.Modules;
using Crossbar.Modules.Layers;
using Crossbar.Numerics;

namespace Crossbar.Tests.Modules;

/// <summary>Evaluation passes with batch norms and ReLUs fused into the preceding conv or add equal unfused passes bit for bit.</summary>
public sealed class EvaluationFusionTests
{
    private static Graph ResNet(ResNetShortcut shortcut) =>
        GraphFactory.Build(new NetworkConfig { Family = NetworkFamily.Resnet, Resnet = new ResNetConfig { Shortcut = shortcut } }, new Shape(3, 16, 16), 10, 5);

    private static Graph LeNet() => GraphFactory.Build(new NetworkConfig { Family = NetworkFamily.Lenet5 }, new Shape(1, 28, 28), 10, 5);

    /// <summary>Gives every batch norm non-trivial running statistics and affine parameters.</summary>
    private static void Perturb(Graph g)
    {
        var rng = CounterRng.ForStream(9, "fusion");
        foreach (var node in g.Nodes)
        {
            if (node.Module is BatchNorm bn)
            {
                for (int c = 0; c < bn.Channels; c++)
                {
                    bn.RunningMean[c] = rng.NextFloat() - 0.5f;
                    bn.RunningVar[c] = 0.2f + rng.NextFloat();
                    bn.Gamma.Value[c] = 0.5f + rng.NextFloat();
                    bn.Beta.Value[c] = rng.NextFloat() - 0.5f;
                }
            }
        }
    }

    public static TheoryData<string, int> Cases => new()
    {
        { "resnet-a", 1 }, { "resnet-a", 2 }, { "resnet-b", 2 }, { "lenet5", 1 }, { "lenet5", 2 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fused_evaluation_is_bit_identical_to_unfused(string network, int threads)
    {
        var g = network switch
        {
            "resnet-a" => ResNet(ResNetShortcut.A),
            "resnet-b" => ResNet(ResNetShortcut.B),
            _ => LeNet(),
        };
        Perturb(g);
        using var pool = new WorkerPool(threads);
        g.Input.Resize(7);
        CounterRng.ForStream(3, "fusion-input").FillGaussian(g.Input.Span, 0f, 1f);

        g.FuseEvaluation = false;
        float[] plain = g.Forward(ForwardMode.Evaluate, pool).Span.ToArray();
        g.FuseEvaluation = true;
        float[] fused = g.Forward(ForwardMode.Evaluate, pool).Span.ToArray();

        Assert.Equal(plain.Select(BitConverter.SingleToInt32Bits), fused.Select(BitConverter.SingleToInt32Bits));
        Assert.Contains(plain, v => v != 0f);
    }

    [Fact]
    public void ResNet20_fuses_every_batch_norm_and_relu()
    {
        var g = ResNet(ResNetShortcut.A);
        int plan = EvaluationFusion.Plan(g.Nodes).Absorbed.Count(a => a);
        int norms = g.Nodes.Count(n => n.Module is BatchNorm), relus = g.Nodes.Count(n => n.Module is Relu);
        Assert.Equal(norms + relus, plan);
    }
}
