using Crossbar.Config;
using Crossbar.Network;
using Crossbar.Network.Activations;

namespace Crossbar.Tests.Network;

public class ActivationTests
{
    [Fact]
    public void Hard_sigmoid_follows_002_Fig1()
    {
        var f = new HardSigmoidActivation(2f);
        float[] z = [-5f, -2f, -1f, 0f, 1f, 2f, 5f];
        var a = new float[z.Length];
        var d = new float[z.Length];
        f.Apply(z, a);
        f.Derivative(z, a, d);
        Assert.Equal([0f, 0f, 0.25f, 0.5f, 0.75f, 1f, 1f], a);
        Assert.Equal([0f, 0f, 0.25f, 0.25f, 0.25f, 0f, 0f], d);
    }

    [Fact]
    public void Scaled_tanh_case4_maps_onto_0_1()
    {
        var f = new TanhActivation(0.5f, 0.5f, 1f);
        float[] z = [-20f, 0f, 20f];
        var a = new float[3];
        f.Apply(z, a);
        Assert.Equal(0f, a[0], 5);
        Assert.Equal(0.5f, a[1], 6);
        Assert.Equal(1f, a[2], 5);
        Assert.Equal((0f, 1f), f.OutputRange);
    }

    [Fact]
    public void Pwl_tanh_is_linear_then_flat()
    {
        var f = new PiecewiseLinearTanhActivation(1f, 0f, 0.5f);
        float[] z = [-4f, -1f, 1f, 4f];
        var a = new float[4];
        var d = new float[4];
        f.Apply(z, a);
        f.Derivative(z, a, d);
        Assert.Equal([-1f, -0.5f, 0.5f, 1f], a);
        Assert.Equal([0f, 0.5f, 0.5f, 0f], d);
    }

    [Fact]
    public void Step_derivative_replaces_slope_by_high_and_leaky_by_low()
    {
        var f = new HardSigmoidActivation(4f);
        float[] z = [-10f, 0f, 3f, 10f];
        var a = new float[4];
        var d = new float[4];
        f.Apply(z, a);
        new DerivativeApproximation(new DerivativeConfig { Kind = DerivativeKind.Step, High = 1 }).Compute(f, z, a, d);
        Assert.Equal([0f, 1f, 1f, 0f], d);
        new DerivativeApproximation(new DerivativeConfig { Kind = DerivativeKind.LeakyStep, High = 1, Low = 0.1 }).Compute(f, z, a, d);
        Assert.Equal([0.1f, 1f, 1f, 0.1f], d);
    }

    [Fact]
    public void Step_derivative_of_tanh_uses_threshold_of_peak()
    {
        var f = new TanhActivation(1f, 0f, 1f);
        // sech²(z) ≥ 0.5 ⇔ |z| ≤ 0.8814
        float[] z = [-1f, -0.8f, 0f, 0.8f, 1f];
        var a = new float[5];
        var d = new float[5];
        f.Apply(z, a);
        new DerivativeApproximation(new DerivativeConfig { Kind = DerivativeKind.Step, High = 1, Threshold = 0.5 }).Compute(f, z, a, d);
        Assert.Equal([0f, 1f, 1f, 1f, 0f], d);
    }

    [Fact]
    public void Softmax_sums_to_one()
    {
        var a = new float[4];
        new SoftmaxActivation().Apply([1f, 2f, 3f, 4f], a);
        Assert.Equal(1f, a.Sum(), 5);
        Assert.True(a[3] > a[2] && a[2] > a[1]);
    }

    [Fact]
    public void State_quantizer_gives_n_states_and_saturates()
    {
        var q = new StateQuantizer(5, 0f, 1f);
        float[] v = [-1f, 0.1f, 0.13f, 0.4f, 0.9f, 3f];
        q.Apply(v);
        Assert.Equal([0f, 0f, 0.25f, 0.5f, 1f, 1f], v);
    }

    [Fact]
    public void Integer_weights_round_to_grid_and_clip()
    {
        var q = new WeightQuantizer(1000, 1f);
        float[] w = [0.00049f, 0.0006f, -0.5004f, 2f];
        q.Apply(w);
        Assert.Equal(0f, w[0]);
        Assert.Equal(0.001f, w[1], 6);
        Assert.Equal(-0.5f, w[2], 6);
        Assert.Equal(1f, w[3]);
    }

    [Fact]
    public void Softmax_survives_huge_logits()
    {
        var a = new float[3];
        new SoftmaxActivation().Apply([1000f, 999f, -1000f], a);
        Assert.All(a, v => Assert.True(float.IsFinite(v)));
        Assert.Equal(1f, a.Sum(), 5);
    }

    [Fact]
    public void Auto_ranged_error_quantizer_keeps_small_vectors_resolved()
    {
        float[] v = [0.001f, -0.0005f, 0.00026f, 0f];
        StateQuantizer.ApplyAutoRanged(v, 5); // states over ±0.001: −0.001, −0.0005, 0, 0.0005, 0.001
        Assert.Equal(0.001f, v[0], 7);
        Assert.Equal(-0.0005f, v[1], 7);
        Assert.Equal(0.0005f, v[2], 7);
        Assert.Equal(0f, v[3], 7);
        float[] zero = [0f, 0f];
        StateQuantizer.ApplyAutoRanged(zero, 5);
        Assert.Equal([0f, 0f], zero);
    }
}
