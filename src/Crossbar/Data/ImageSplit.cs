namespace Crossbar.Data;

/// <summary>A training and a test image set read the same way, and a one-line description for logs and reports.</summary>
public sealed record ImageSplit(ImageSet Train, ImageSet Test, string Description);
