namespace Crossbar.Config;

/// <summary>Random training augmentation of image networks, the torchvision CIFAR recipe (RandomCrop with padding, RandomHorizontalFlip).</summary>
public sealed class AugmentationConfig
{
    [Doc("Random crop back to the image size after padding each side with this many black (0) pixels, e.g. 4 for CIFAR-10; 0 = off.")]
    [Range(0, 16)]
    public int CropPadding { get; set; }

    [Doc("Mirror each training image left–right with probability 1/2.")]
    public bool HorizontalFlip { get; set; }
}
