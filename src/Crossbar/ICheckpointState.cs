namespace Crossbar;

/// <summary>
/// Mutable state of a training component (weights, device conductances and counters, random-stream positions,
/// optimiser velocities) that a checkpoint saves at an epoch end so that a resumed run continues bit for bit.
/// What the configuration determines (hidden device parameters drawn from the seed, sizes) is rebuilt, not saved.
/// </summary>
public interface ICheckpointState
{
    void SaveState(BinaryWriter writer);

    /// <summary>
    /// Restores what <see cref="SaveState"/> wrote, into an object built from the same configuration; throws
    /// <see cref="InvalidDataException"/> when the state does not fit it.
    /// </summary>
    void LoadState(BinaryReader reader);
}
