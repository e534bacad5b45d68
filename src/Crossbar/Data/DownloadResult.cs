namespace Crossbar.Data;

/// <summary>What <see cref="DatasetDownloader"/> or <see cref="Cifar10Downloader"/> did with one file.</summary>
/// <param name="Kind">Which IDX file; null for a CIFAR-10 batch (named by <paramref name="Path"/>).</param>
/// <param name="Path">The file now on disk.</param>
/// <param name="Md5">md5 of its bytes (lower-case hex).</param>
/// <param name="OfficialMd5">The official md5 for this file, or null when not known.</param>
/// <param name="Skipped">True when a valid copy was already there and nothing was downloaded.</param>
/// <param name="Source">The URL it came from, or "already present".</param>
/// <param name="Warning">A problem that did not stop the download (e.g. an md5 mismatch from a custom mirror).</param>
public sealed record DownloadResult(
    DatasetFileKind? Kind, string Path, string Md5, string? OfficialMd5, bool Skipped, string Source, string? Warning)
{
    public bool? Md5Matches => OfficialMd5 is null ? null : OfficialMd5 == Md5;
}
