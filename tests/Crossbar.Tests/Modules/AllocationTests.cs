using Crossbar.Config;
using Crossbar.Modules;
using Crossbar.Numerics;
using Crossbar.Tests.Numerics;
using Crossbar.Training.Optim;

namespace Crossbar.Tests.Modules;

/// <summary>
/// No allocation per batch after the first: a training step (forward, cross-entropy, backward, SGD) and an
/// evaluation pass, for ResNet-20 and LeNet-5. Counted per thread, on the calling thread and on every pool worker.
/// </summary>
[Collection(GemmIsaCollection.Name)]
public sealed class AllocationTests
{
    private static Graph Build(string family) => family == "resnet"
        ? GraphFactory.Build(new NetworkConfig { Family = NetworkFamily.Resnet, Resnet = new ResNetConfig() }, new Shape(3, 32, 32), 10, 2)
        : GraphFactory.Build(new NetworkConfig { Family = NetworkFamily.Lenet5 }, new Shape(1, 28, 28), 10, 2);

    private static Action Stepper(Graph g, WorkerPool pool)
    {
        var opt = new Sgd(g.Parameters, 0.9, nesterov: false, 5e-4);
        var rng = CounterRng.ForStream(4, "alloc");
        var labels = new int[32];
        return () =>
        {
            g.Input.Resize(labels.Length);
            rng.FillGaussian(g.Input.Span, 0f, 1f);
            for (int i = 0; i < labels.Length; i++)
            {
                labels[i] = rng.NextInt(10);
            }
            var y = g.Forward(ForwardMode.Train, pool);
            SoftmaxCrossEntropy.Compute(y, labels, g.OutputGrad);
            g.Backward(pool);
            opt.Step(0.05f);
            g.Forward(ForwardMode.Evaluate, pool);
        };
    }

    [Theory]
    [InlineData("resnet")]
    [InlineData("lenet5")]
    public void One_thread_allocates_nothing_after_the_first_step(string family)
    {
        var step = Stepper(Build(family), WorkerPool.Serial);
        step();
        step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 3; i++)
        {
            step();
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData("resnet")]
    [InlineData("lenet5")]
    public void Two_threads_allocate_nothing_after_the_first_step(string family)
    {
        using var pool = new WorkerPool(2);
        var step = Stepper(Build(family), pool);
        step();
        step();
        // Each worker's own counter, read on that worker: the process-wide counter would also see other tests and
        // the runtime's background work (tiered JIT), which made this test flaky when run beside others.
        var before = new long[2];
        var after = new long[2];
        Action<int, int, int> readBefore = (_, _, w) => before[w] = GC.GetAllocatedBytesForCurrentThread();
        Action<int, int, int> readAfter = (_, _, w) => after[w] = GC.GetAllocatedBytesForCurrentThread();
        pool.Run(2, readBefore);
        for (int i = 0; i < 5; i++)
        {
            step();
        }
        pool.Run(2, readAfter);
        Assert.Equal(0, after[0] - before[0]);
        Assert.Equal(0, after[1] - before[1]);
    }
}
