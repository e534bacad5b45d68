using Crossbar.Modules.Layers;

namespace Crossbar.Modules.Families;

/// <summary>
/// A LeNet-5-style CNN (LeCun et al. 1998, with ReLU and max pooling as is usual today): conv 5×5 → 6 (padding 2 on
/// 28×28 inputs, as the original's 32×32 frame), pool 2, conv 5×5 → 16, pool 2, then 120-84-classes fully connected.
/// </summary>
public static class LeNet5
{
    public static void Build(GraphBuilder b, int classes = 10)
    {
        var input = b.ShapeOf(b.Last);
        int pad = input.Height == 28 ? 2 : 0;
        b.Then("conv1", new Conv2d(input.Channels, 6, 5, 1, pad));
        b.Then("relu1", new Relu());
        b.Then("pool1", new Pool2d(max: true, 2, 2));
        b.Then("conv2", new Conv2d(6, 16, 5));
        b.Then("relu2", new Relu());
        b.Then("pool2", new Pool2d(max: true, 2, 2));
        b.Then("flatten", new Flatten());
        b.Then("fc1", new Linear(b.ShapeOf(b.Last).Size, 120));
        b.Then("relu3", new Relu());
        b.Then("fc2", new Linear(120, 84));
        b.Then("relu4", new Relu());
        b.Then("fc3", new Linear(84, classes));
    }
}
