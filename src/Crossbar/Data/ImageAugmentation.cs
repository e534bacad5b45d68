namespace Crossbar.Data;

/// <summary>
/// Random training augmentation, in the order of torchvision's CIFAR recipe: a crop back to the image size after
/// zero-padding each side by <see cref="CropPadding"/> pixels (0 = off), then a left–right flip with probability 1/2.
/// </summary>
public sealed record ImageAugmentation(int CropPadding, bool HorizontalFlip)
{
    public bool IsIdentity => CropPadding == 0 && !HorizontalFlip;
}
