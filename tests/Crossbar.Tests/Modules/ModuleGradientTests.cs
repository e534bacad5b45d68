using Crossbar.Modules;
using Crossbar.Modules.Layers;
using Crossbar.Network.Activations;
using Crossbar.Numerics;

namespace Crossbar.Tests.Modules;

/// <summary>
/// Every module's backward pass against central finite differences of L = ⟨g, y(x, θ)⟩ for a random g, on random
/// shapes, strides and paddings.
/// </summary>
public sealed class ModuleGradientTests
{
    /// <summary>Checks ∂L/∂x and ∂L/∂θ of a single-module graph (or a two-input one when <paramref name="inputs"/> is 2).</summary>
    internal static void Check(Func<Module> make, Shape input, int batch, ulong seed, int inputs = 1, double tolerance = 2e-2)
    {
        var b = new GraphBuilder(input);
        int node = inputs == 1 ? b.Add("m", make(), GraphBuilder.Input) : b.Add("m", make(), GraphBuilder.Input, GraphBuilder.Input);
        var graph = b.Build(seed);
        var rng = CounterRng.ForStream(seed, "gradcheck");
        graph.Input.Resize(batch);
        rng.FillGaussian(graph.Input.Span, 0f, 1f);
        // Perturb parameters away from special values (BN's γ = 1, β = 0).
        foreach (var (_, p) in graph.Parameters)
        {
            for (int i = 0; i < p.Length; i++)
            {
                p.Value[i] += 0.3f * (float)rng.NextGaussian();
            }
        }
        var g = new float[batch * graph.OutputShape.Size];
        rng.FillGaussian(g, 0f, 1f);
        double Loss()
        {
            var y = graph.Forward(ForwardMode.Train, WorkerPool.Serial).Span;
            double s = 0;
            for (int i = 0; i < y.Length; i++)
            {
                s += (double)y[i] * g[i];
            }
            return s;
        }
        Loss();
        g.CopyTo(graph.OutputGrad.Span);
        graph.Backward(WorkerPool.Serial, inputGradient: true);
        var dx = graph.InputGrad.Span.ToArray();
        var dparams = graph.Parameters.Select(p => p.Parameter.Grad.ToArray()).ToArray();

        void Compare(float[] values, float[] analytic, string what)
        {
            // A few coordinates (all when small), compared against the scale of the whole gradient.
            double scale = analytic.Max(v => Math.Abs((double)v)) + 1e-3;
            int step = Math.Max(1, values.Length / 24);
            for (int i = 0; i < values.Length; i += step)
            {
                float orig = values[i];
                float h = 1e-2f * Math.Max(1f, Math.Abs(orig));
                values[i] = orig + h;
                double up = Loss();
                values[i] = orig - h;
                double down = Loss();
                values[i] = orig;
                double numeric = (up - down) / (2 * h);
                double err = Math.Abs(numeric - analytic[i]) / scale;
                Assert.True(err < tolerance, $"{what}[{i}]: analytic {analytic[i]:G6}, numeric {numeric:G6} (relative error {err:G3})");
            }
        }
        if (inputs == 1)
        {
            Compare(graph.Input.Array, dx, "dx");
        }
        for (int p = 0; p < graph.Parameters.Count; p++)
        {
            Compare(graph.Parameters[p].Parameter.Value, dparams[p], graph.Parameters[p].Name);
        }
    }

    [Theory]
    [InlineData(3, 4, 7, 7, 3, 1, 1, true)]
    [InlineData(2, 5, 8, 6, 3, 2, 1, false)]
    [InlineData(3, 2, 5, 5, 1, 1, 0, true)]
    [InlineData(4, 3, 6, 6, 1, 2, 0, false)]
    [InlineData(1, 3, 9, 9, 5, 2, 2, true)]
    [InlineData(2, 2, 4, 4, 2, 3, 1, true)]
    // Shapes on the implicit-GEMM paths (stride 1, widths 16 or 8, channels in eights): forward, dX and dW.
    [InlineData(8, 8, 16, 16, 3, 1, 1, false)]
    [InlineData(8, 16, 8, 8, 3, 1, 1, true)]
    [InlineData(3, 8, 18, 20, 5, 1, 0, true)]
    public void Conv2d_gradients(int cin, int cout, int h, int w, int k, int stride, int pad, bool bias) =>
        Check(() => new Conv2d(cin, cout, k, stride, pad, bias), new Shape(cin, h, w), 3, (ulong)(cin * 31 + k));

    [Fact]
    public void Conv2d_gradients_on_random_shapes()
    {
        for (ulong seed = 1; seed <= 12; seed++)
        {
            var r = CounterRng.ForStream(seed, "shapes");
            int k = 1 + r.NextInt(4), pad = r.NextInt(k), stride = 1 + r.NextInt(3);
            int h = k + r.NextInt(6), w = k + r.NextInt(6);
            int cin = 1 + r.NextInt(3), cout = 1 + r.NextInt(4);
            bool bias = r.NextInt(2) == 0;
            Check(() => new Conv2d(cin, cout, k, stride, pad, bias), new Shape(cin, h, w), 1 + r.NextInt(3), seed);
        }
    }

    [Theory]
    [InlineData(7, 5, true)]
    [InlineData(12, 3, false)]
    public void Linear_gradients(int inputs, int outputs, bool bias) =>
        Check(() => new Linear(inputs, outputs, bias), Shape.Flat(inputs), 4, 3);

    [Fact]
    public void Linear_flattens_images() => Check(() => new Linear(18, 4), new Shape(2, 3, 3), 3, 5);

    [Theory]
    [InlineData(3, 4, 4, 5)]
    [InlineData(6, 1, 1, 8)]
    public void BatchNorm_gradients_in_training(int c, int h, int w, int batch) =>
        Check(() => new BatchNorm(c), new Shape(c, h, w), batch, 7, tolerance: 3e-2);

    [Fact]
    public void Relu_gradients() => Check(() => new Relu(), new Shape(2, 3, 3), 2, 9);

    [Fact]
    public void Tanh_and_sigmoid_gradients()
    {
        Check(() => new ActivationLayer(new TanhActivation(1f, 0f, 1f), "tanh"), new Shape(3, 2, 2), 2, 10);
        Check(() => new ActivationLayer(new SigmoidActivation(1f), "sigmoid"), Shape.Flat(9), 2, 11);
    }

    [Theory]
    [InlineData(true, 2, 2, 0)]
    [InlineData(true, 3, 2, 1)]
    [InlineData(false, 2, 2, 0)]
    [InlineData(false, 3, 1, 1)]
    public void Pool_gradients(bool max, int k, int stride, int pad) =>
        Check(() => new Pool2d(max, k, stride, pad), new Shape(2, 6, 5), 2, 12);

    [Fact]
    public void Channel_affine_gradients()
    {
        Check(() => new ChannelAffine([0.5f, -2f, 3f], [0.1f, 0.2f, -0.3f]), new Shape(3, 2, 4), 2, 17);
        Check(() => new ChannelAffine([1.5f, -1f, 0.25f, 2f, 1f], [0f, 1f, 0f, -1f, 0f]), Shape.Flat(5), 3, 18);
    }

    [Fact]
    public void Concat_stacks_channels_and_splits_the_gradient_back()
    {
        // y = concat(x, x): y holds x twice per example, and ∂L/∂x is the sum of the two halves of ∂L/∂y.
        var b = new GraphBuilder(new Shape(2, 2, 3));
        b.Add("cat", new Concat(2), GraphBuilder.Input, GraphBuilder.Input);
        var graph = b.Build(1);
        Assert.Equal(new Shape(4, 2, 3), graph.OutputShape);
        graph.Input.Resize(2);
        var rng = CounterRng.ForStream(3, "concat");
        rng.FillGaussian(graph.Input.Span, 0f, 1f);
        var y = graph.Forward(ForwardMode.Train, WorkerPool.Serial);
        for (int n = 0; n < 2; n++)
        {
            Assert.Equal(graph.Input.Example(n).ToArray(), y.Example(n)[..12].ToArray());
            Assert.Equal(graph.Input.Example(n).ToArray(), y.Example(n)[12..].ToArray());
        }
        rng.FillGaussian(graph.OutputGrad.Span, 0f, 1f);
        graph.Backward(WorkerPool.Serial, inputGradient: true);
        for (int n = 0; n < 2; n++)
        {
            var dy = graph.OutputGrad.Example(n).ToArray();
            var dx = graph.InputGrad.Example(n).ToArray();
            for (int i = 0; i < 12; i++)
            {
                Assert.Equal(dy[i] + dy[12 + i], dx[i], 5);
            }
        }
    }

    [Fact]
    public void Softmax_gradients() => Check(() => new Softmax(), Shape.Flat(7), 3, 27);

    [Fact]
    public void Clip_gradients() => Check(() => Clip.Range(-0.7f, 0.9f), new Shape(2, 3, 3), 2, 23);

    [Fact]
    public void Leaky_relu_gradients() => Check(() => Clip.Leaky(0.1f), Shape.Flat(11), 2, 25);   // seeds with no input within h of a kink

    [Fact]
    public void Global_average_pool_flatten_and_shortcut_gradients()
    {
        Check(() => new GlobalAvgPool(), new Shape(3, 4, 5), 2, 13);
        Check(() => new Flatten(), new Shape(2, 3, 2), 2, 14);
        Check(() => new ShortcutA(8, 2), new Shape(4, 6, 6), 2, 15);
        Check(() => new ShortcutA(6, 2), new Shape(4, 5, 5), 2, 16);
    }

    [Fact]
    public void Add_of_one_input_twice_sums_both_gradients()
    {
        // y = x + x: the graph must add the second consumer's gradient (fan-out), giving 2g.
        var b = new GraphBuilder(Shape.Flat(5));
        b.Add("add", new Add(), GraphBuilder.Input, GraphBuilder.Input);
        int relu = b.Add("relu", new Relu(), 0);
        b.Add("sum", new Add(), relu, 0);
        var graph = b.Build(1);
        graph.Input.Resize(1);
        float[] x = [1, -2, 3, -4, 5];
        x.CopyTo(graph.Input.Span);
        var y = graph.Forward(ForwardMode.Train, WorkerPool.Serial);
        Assert.Equal([4f, -4f, 12f, -8f, 20f], y.Span.ToArray());
        graph.OutputGrad.Span.Fill(1f);
        graph.Backward(WorkerPool.Serial, inputGradient: true);
        // d/dx of relu(2x) + 2x = 2·[x > 0] + 2.
        Assert.Equal([4f, 2f, 4f, 2f, 4f], graph.InputGrad.Span.ToArray());
    }

    [Fact]
    public void Dropout_keeps_expected_fraction_and_is_identity_in_evaluation()
    {
        var b = new GraphBuilder(Shape.Flat(10_000));
        b.Then("drop", new Dropout(0.3));
        var graph = b.Build(3);
        graph.Input.Resize(1);
        graph.Input.Span.Fill(1f);
        var train = graph.Forward(ForwardMode.Train, WorkerPool.Serial).Span.ToArray();
        double kept = train.Count(v => v != 0) / 10_000.0;
        Assert.InRange(kept, 0.68, 0.72);
        Assert.All(train.Where(v => v != 0), v => Assert.Equal(1f / 0.7f, v, 5));
        Assert.All(graph.Forward(ForwardMode.Evaluate, WorkerPool.Serial).Span.ToArray(), v => Assert.Equal(1f, v));
    }
}
