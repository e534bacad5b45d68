using Crossbar.Modules;
using Crossbar.Modules.Layers;
using Crossbar.Numerics;
using Crossbar.Tests.Modules;

namespace Crossbar.Tests.Numerics;

/// <summary>
/// The implicit-GEMM convolution (no im2col matrix) against the im2col + GEMM path it replaces: the forward pass
/// sums in the same order, so it must give the same bits; the gradients are summed in another order and agree to
/// float rounding.
/// </summary>
[Collection(GemmIsaCollection.Name)]
public sealed class ImplicitConvTests
{
    private static (float[] Y, float[] Dx, float[] Dw) Run(int cin, int cout, int k, int pad, int h, int w, int batch, GemmIsa isa)
    {
        var previous = Gemm.Isa;
        try
        {
            Gemm.Isa = isa;
            var b = new GraphBuilder(new Shape(cin, h, w));
            b.Add("conv", new Conv2d(cin, cout, k, 1, pad, bias: false), GraphBuilder.Input);
            var graph = b.Build(11);
            var rng = CounterRng.ForStream(5, "implicit-conv");
            graph.Input.Resize(batch);
            rng.FillGaussian(graph.Input.Span, 0f, 1f);
            using var pool = new WorkerPool(2);
            var y = graph.Forward(ForwardMode.Train, pool).Span.ToArray();
            rng.FillGaussian(graph.OutputGrad.Span, 0f, 1f);
            graph.Backward(pool, inputGradient: true);
            return (y, graph.InputGrad.Span.ToArray(), graph.Parameters[0].Parameter.Grad.ToArray());
        }
        finally
        {
            Gemm.Isa = previous;
        }
    }

    [Theory]
    [InlineData(16, 16, 3, 1, 32, 32)] // ResNet-20 stage 1
    [InlineData(32, 32, 3, 1, 16, 16)] // stage 2
    [InlineData(64, 64, 3, 1, 8, 8)]   // stage 3 (rows of 8)
    [InlineData(8, 24, 5, 2, 16, 48)]
    [InlineData(3, 8, 3, 0, 18, 18)]   // output 16×16 without padding
    public void MatchesIm2ColAndGemm(int cin, int cout, int k, int pad, int h, int w)
    {
        // Vector512 runs in software where the CPU lacks AVX-512 (same bits, slower), so the path is tested everywhere.
        var previous = Gemm.Isa;
        Gemm.Isa = GemmIsa.Vector512;
        bool supported = ImplicitConv.Supports(cout, h + 2 * pad - k + 1, w + 2 * pad - k + 1);
        Gemm.Isa = previous;
        Assert.True(supported);
        var fast = Run(cin, cout, k, pad, h, w, 20, GemmIsa.Vector512);
        // The 256-bit kernel has no implicit path: im2col + GEMM, the same fused order per element.
        var reference = Run(cin, cout, k, pad, h, w, 20, GemmIsa.Vector256);
        Assert.Equal(reference.Y, fast.Y);
        AssertClose(reference.Dx, fast.Dx, "dX");
        AssertClose(reference.Dw, fast.Dw, "dW");
    }

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        double scale = expected.Max(v => Math.Abs((double)v));
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * scale, $"{what}[{i}]: {actual[i]} vs {expected[i]}");
        }
    }

    [Fact]
    public void ThreadCountDoesNotChangeTheBits()
    {
        float[]? first = null;
        foreach (int threads in new[] { 1, 2, 3 })
        {
            var b = new GraphBuilder(new Shape(16, 32, 32));
            b.Add("conv", new Conv2d(16, 16, 3, 1, 1, bias: false), GraphBuilder.Input);
            var graph = b.Build(3);
            var rng = CounterRng.ForStream(8, "implicit-threads");
            graph.Input.Resize(37);
            rng.FillGaussian(graph.Input.Span, 0f, 1f);
            using var pool = new WorkerPool(threads);
            graph.Forward(ForwardMode.Train, pool);
            rng.FillGaussian(graph.OutputGrad.Span, 0f, 1f);
            graph.Backward(pool, inputGradient: true);
            float[] all = [.. graph.Output.Span, .. graph.InputGrad.Span, .. graph.Parameters[0].Parameter.Grad];
            if (first is null)
            {
                first = all;
            }
            else
            {
                Assert.Equal(first, all);
            }
        }
    }
}
