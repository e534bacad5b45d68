using Crossbar.Config;

namespace Crossbar.Persistence;

/// <summary>What a checkpoint says about itself: which run it belongs to and how far that run got.</summary>
/// <param name="Network">"mlp" or "graph": which trainer wrote it.</param>
/// <param name="Config">The run's configuration less the keys that do not change its numbers.</param>
/// <param name="Epochs">Epochs completed.</param>
/// <param name="TotalEpochs">Epochs the run trains for.</param>
/// <param name="Examples">Training examples seen.</param>
/// <param name="TrainCount">Training images the data gave (a different data set is refused).</param>
/// <param name="TestCount">Test images the data gave.</param>
/// <param name="CrossbarVersion">The build that wrote it.</param>
public sealed record CheckpointHeader(string Network, ConfigFingerprint Config, int Epochs, int TotalEpochs, long Examples,
                                      int TrainCount, int TestCount, string CrossbarVersion);
