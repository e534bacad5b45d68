using Crossbar.Config;
using Crossbar.Modules.Layers;

namespace Crossbar.Modules.Families;

/// <summary>
/// The CIFAR ResNets of He et al. 2016 §4.2: a 3×3 conv stem, three stages of n basic blocks with 16, 32, 64
/// channels (stride 2 at the first block of stages 2 and 3), global average pooling and a linear classifier;
/// depth = 6n + 2 (20, 32, 44, 56, …). Module names follow the PyTorch reference implementation
/// ("conv1", "layer2.0.bn1", "linear"), so its published weights load by name.
/// </summary>
public static class ResNet
{
    public static void Build(GraphBuilder b, int depth, ResNetShortcut shortcut, int width = 16, int classes = 10)
    {
        if (depth < 8 || (depth - 2) % 6 != 0)
        {
            throw new ArgumentException($"a CIFAR ResNet has depth 6n + 2 (20, 32, 44, 56, 110); {depth} is not", nameof(depth));
        }
        int blocks = (depth - 2) / 6;
        int inputChannels = b.ShapeOf(b.Last).Channels;
        b.Then("conv1", new Conv2d(inputChannels, width, 3, 1, 1, bias: false));
        b.Then("bn1", new BatchNorm(width));
        int x = b.Then("relu1", new Relu());
        int channels = width;
        for (int stage = 0; stage < 3; stage++)
        {
            int planes = width << stage;
            for (int block = 0; block < blocks; block++)
            {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                x = BasicBlock(b, $"layer{stage + 1}.{block}", x, channels, planes, stride, shortcut);
                channels = planes;
            }
        }
        b.Add("avgpool", new GlobalAvgPool(), x);
        b.Then("linear", new Linear(channels, classes));
    }

    /// <summary>conv3×3 → BN → ReLU → conv3×3 → BN, plus the shortcut, then ReLU.</summary>
    public static int BasicBlock(GraphBuilder b, string name, int x, int inPlanes, int planes, int stride, ResNetShortcut kind)
    {
        b.Add($"{name}.conv1", new Conv2d(inPlanes, planes, 3, stride, 1, bias: false), x);
        b.Then($"{name}.bn1", new BatchNorm(planes));
        b.Then($"{name}.relu1", new Relu());
        b.Then($"{name}.conv2", new Conv2d(planes, planes, 3, 1, 1, bias: false));
        int main = b.Then($"{name}.bn2", new BatchNorm(planes));
        int skip = x;
        if (stride != 1 || inPlanes != planes)
        {
            if (kind == ResNetShortcut.A)
            {
                skip = b.Add($"{name}.shortcut", new ShortcutA(planes, stride), x);
            }
            else
            {
                b.Add($"{name}.shortcut.0", new Conv2d(inPlanes, planes, 1, stride, 0, bias: false), x);
                skip = b.Then($"{name}.shortcut.1", new BatchNorm(planes));
            }
        }
        b.Add($"{name}.add", new Add(), main, skip);
        return b.Then($"{name}.relu2", new Relu());
    }
}
