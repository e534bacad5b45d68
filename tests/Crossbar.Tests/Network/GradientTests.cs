using Crossbar.Config;
using Crossbar.Network;

namespace Crossbar.Tests.Network;

/// <summary>Backward() must give δ = −∂L/∂z, checked against finite differences of the loss in every weight.</summary>
public class GradientTests
{
    public static TheoryData<ActivationKind, ActivationKind, LossKind, TargetRange> Cases => new()
    {
        { ActivationKind.Tanh, ActivationKind.Softmax, LossKind.CrossEntropy, TargetRange.ZeroOne },
        { ActivationKind.Sigmoid, ActivationKind.Softmax, LossKind.CrossEntropy, TargetRange.ZeroOne },
        { ActivationKind.Tanh, ActivationKind.Tanh, LossKind.SquaredError, TargetRange.MinusOneOne },
        { ActivationKind.Tanh, ActivationKind.Sigmoid, LossKind.SquaredError, TargetRange.ZeroOne },
        { ActivationKind.Relu, ActivationKind.Linear, LossKind.SquaredError, TargetRange.ZeroOne },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Backward_matches_finite_differences(ActivationKind hidden, ActivationKind output, LossKind loss, TargetRange targets)
    {
        var cfg = new NetworkConfig
        {
            Layers = [5, 4, 3, 3],
            HiddenActivation = new ActivationConfig { Kind = hidden, Alpha = 0.8, Beta = hidden == ActivationKind.Tanh ? 0.1 : 0, Slope = 1.3 },
            OutputActivation = new ActivationConfig { Kind = output },
            Loss = loss,
            Targets = targets,
            InitScale = 2.0,
        };
        var net = NetworkBuilder.BuildFloat(cfg, seed: 7);
        float[] x = [0.3f, -0.7f, 0.9f, 0.0f, 0.5f];
        const int label = 1;
        net.Forward(x);
        net.Backward(label);
        for (int l = 0; l < net.Layers.Count; l++)
        {
            var layer = (DenseLayer)net.Layers[l];
            var input = net.Activations(l).ToArray();
            var delta = net.Errors(l + 1).ToArray();
            for (int i = 0; i < layer.Rows; i++)
            {
                float xi = i < layer.Inputs ? input[i] : 1f;
                for (int j = 0; j < layer.Outputs; j++)
                {
                    double analytic = -xi * delta[j]; // ∂L/∂W = −x·δ
                    double numeric = NumericGradient(net, layer, i * layer.Outputs + j, x, label);
                    Assert.True(Math.Abs(analytic - numeric) <= 2e-3 + 2e-2 * Math.Abs(numeric),
                        $"layer {l} w[{i},{j}]: analytic {analytic} vs numeric {numeric}");
                }
            }
        }
    }

    private static double NumericGradient(Mlp net, DenseLayer layer, int index, float[] x, int label)
    {
        const float h = 1e-3f;
        float w0 = layer.Weights[index];
        layer.Weights[index] = w0 + h;
        double up = net.Loss.Value(net.Forward(x), label);
        layer.Weights[index] = w0 - h;
        double down = net.Loss.Value(net.Forward(x), label);
        layer.Weights[index] = w0;
        return (up - down) / (2 * h);
    }

    [Fact]
    public void Update_moves_the_loss_down()
    {
        var cfg = new NetworkConfig { Layers = [6, 8, 4], HiddenActivation = new ActivationConfig { Kind = ActivationKind.Sigmoid } };
        var net = NetworkBuilder.BuildFloat(cfg, seed: 3);
        float[] x = [1f, 0f, 0.5f, 0.25f, 0f, 1f];
        float before = net.Loss.Value(net.Forward(x), 2);
        net.Backward(2);
        net.Update(0.1f);
        float after = net.Loss.Value(net.Forward(x), 2);
        Assert.True(after < before, $"loss {before} -> {after}");
    }

    [Fact]
    public void Minibatch_of_one_equals_online_update()
    {
        var cfg = new NetworkConfig { Layers = [4, 3, 2] };
        var a = NetworkBuilder.BuildFloat(cfg, seed: 11);
        var b = NetworkBuilder.BuildFloat(cfg, seed: 11);
        float[] x = [0.2f, 0.4f, 0f, 1f];
        a.Forward(x);
        a.Backward(0);
        a.Update(0.05f);
        b.Forward(x);
        b.Backward(0);
        b.Accumulate();
        b.ApplyAccumulated(0.05f, 1);
        AssertSameWeights(a, b, 6);
    }

    [Fact]
    public void Fused_backward_update_equals_separate_steps()
    {
        var cfg = new NetworkConfig { Layers = [7, 5, 4, 3], Loss = LossKind.SquaredError, OutputActivation = new ActivationConfig { Kind = ActivationKind.Tanh } };
        var a = NetworkBuilder.BuildFloat(cfg, seed: 5);
        var b = NetworkBuilder.BuildFloat(cfg, seed: 5);
        float[] x = [0.2f, 0.4f, 0f, 1f, 0.9f, 0f, 0.3f];
        for (int step = 0; step < 3; step++)
        {
            a.Forward(x);
            float la = a.Backward(step % 3);
            a.Update(0.1f);
            b.Forward(x);
            float lb = b.BackwardAndUpdate(step % 3, 0.1f);
            Assert.Equal(la, lb);
        }
        AssertSameWeights(a, b, 5);
    }

    private static void AssertSameWeights(Mlp a, Mlp b, int precision)
    {
        for (int l = 0; l < a.Layers.Count; l++)
        {
            var wa = new float[((DenseLayer)a.Layers[l]).Weights.Length];
            var wb = new float[wa.Length];
            a.Layers[l].CopyWeights(wa);
            b.Layers[l].CopyWeights(wb);
            for (int k = 0; k < wa.Length; k++)
            {
                Assert.Equal(wa[k], wb[k], precision);
            }
        }
    }
}
