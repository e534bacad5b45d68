using Crossbar.Config;

namespace Crossbar.Data;

/// <summary>Placeholder until the data branch lands.</summary>
public static class DatasetLoader
{
    public static DataSplit Load(DataConfig config, string? dataFolderOverride, ulong seed) =>
        throw new NotImplementedException();
}
