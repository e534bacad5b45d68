using Crossbar.Config;

namespace Crossbar.Data;

/// <summary>
/// Downloads the four gzipped IDX files of a dataset into <c>&lt;to&gt;/&lt;name&gt;/</c>. Each file is checked
/// (parses as the right kind of IDX; md5 equals the official one) before it is renamed into place, so an interrupted
/// or bad download never leaves a half-written file under the real name. Valid files already present are kept.
/// </summary>
public static class DatasetDownloader
{
    /// <summary>Standard download locations, tried in order.</summary>
    public static IReadOnlyList<Uri> StandardMirrors(DatasetName dataset) => dataset switch
    {
        DatasetName.Mnist =>
        [
            new Uri("https://ossci-datasets.s3.amazonaws.com/mnist/"),
            new Uri("http://yann.lecun.com/exdb/mnist/"),
        ],
        DatasetName.FashionMnist =>
        [
            new Uri("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"),
            new Uri("https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/"),
        ],
        DatasetName.Cifar10 => [new Uri("https://www.cs.toronto.edu/~kriz/")],
        _ => throw new ArgumentOutOfRangeException(nameof(dataset)),
    };

    /// <summary>
    /// The folder files go to: <paramref name="to"/>/&lt;name&gt;, or <paramref name="to"/> itself when it is already
    /// named after the dataset (so <c>--to data</c> and <c>--to data/mnist</c> both give <c>data/mnist</c>).
    /// </summary>
    public static string TargetFolder(string to, DatasetName dataset)
    {
        string name = DatasetLocator.FolderName(dataset);
        string full = Path.GetFullPath(to);
        return Path.GetFileName(Path.TrimEndingDirectorySeparator(full)) == name ? full : Path.Combine(full, name);
    }

    /// <param name="mirror">A custom base URL to use instead of the standard ones; an md5 mismatch is then a warning.</param>
    /// <param name="log">Receives one line per action, as it happens.</param>
    public static async Task<IReadOnlyList<DownloadResult>> DownloadAsync(DatasetName dataset, string to, Uri? mirror,
        HttpClient http, Action<string> log, CancellationToken cancel = default)
    {
        if (dataset == DatasetName.Cifar10)
        {
            return await Cifar10Downloader.DownloadAsync(to, mirror, http, log, cancel).ConfigureAwait(false);
        }
        string folder = TargetFolder(to, dataset);
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CrossbarException($"{folder}: cannot create folder ({e.Message})", e);
        }
        var mirrors = mirror is null ? StandardMirrors(dataset) : [WithSlash(mirror)];
        var results = new List<DownloadResult>();
        foreach (var kind in DatasetFileKinds.All)
        {
            var existing = ExistingValid(folder, kind, dataset);
            if (existing is not null)
            {
                log($"{Path.GetFileName(existing.Path)}: already present and valid, skipped");
                results.Add(existing);
                continue;
            }
            results.Add(await DownloadOneAsync(dataset, kind, folder, mirrors, custom: mirror is not null, http, log, cancel)
                .ConfigureAwait(false));
        }
        return results;
    }

    private static async Task<DownloadResult> DownloadOneAsync(DatasetName dataset, DatasetFileKind kind, string folder,
        IReadOnlyList<Uri> mirrors, bool custom, HttpClient http, Action<string> log, CancellationToken cancel)
    {
        string fileName = kind.StandardName() + ".gz";
        string target = Path.Combine(folder, fileName);
        string? official = KnownChecksums.Md5(dataset, kind, gzipped: true);
        var failures = new List<string>();
        foreach (var baseUri in mirrors)
        {
            var url = new Uri(baseUri, fileName);
            log($"downloading {url}");
            byte[] bytes;
            try
            {
                using var response = await http.GetAsync(url, cancel).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    failures.Add($"{url}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
                    continue;
                }
                bytes = await response.Content.ReadAsByteArrayAsync(cancel).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                failures.Add($"{url}: {e.Message}");
                continue;
            }
            catch (TaskCanceledException e) when (!cancel.IsCancellationRequested)
            {
                failures.Add($"{url}: timed out ({e.Message})");
                continue;
            }
            try
            {
                IdxReader.Validate(IdxReader.Parse(bytes, url.ToString()), kind.IsImages());
            }
            catch (CrossbarException e)
            {
                failures.Add(e.Message);
                continue;
            }
            string md5 = KnownChecksums.Md5Hex(bytes);
            string? warning = null;
            if (official is not null && md5 != official)
            {
                string problem = $"{url}: md5 {md5} differs from the official {official}";
                if (!custom)
                {
                    failures.Add(problem);
                    continue;
                }
                warning = problem + " (kept: it is a valid IDX file from the mirror you chose)";
                log("warning: " + warning);
            }
            WriteAtomically(target, bytes);
            log($"{fileName}: {bytes.Length:N0} bytes, md5 {md5}{(official is null ? " (no official md5 known)" : md5 == official ? " (matches official)" : "")}");
            return new DownloadResult(kind, target, md5, official, Skipped: false, url.ToString(), warning);
        }
        throw new CrossbarException($"{target}: download failed: {string.Join("; ", failures)}");
    }

    /// <summary>A file of this kind already in the folder that parses, or null.</summary>
    private static DownloadResult? ExistingValid(string folder, DatasetFileKind kind, DatasetName dataset)
    {
        foreach (var name in kind.AcceptedNames())
        {
            string p = Path.Combine(folder, name);
            if (!File.Exists(p))
            {
                continue;
            }
            try
            {
                var f = IdxReader.Validate(IdxReader.Read(p), kind.IsImages());
                string md5 = KnownChecksums.Md5HexOfFile(p);
                string? official = KnownChecksums.Md5(dataset, kind, f.Gzipped);
                return new DownloadResult(kind, p, md5, official, Skipped: true, "already present", null);
            }
            catch (CrossbarException)
            {
                // Invalid copy: download again and replace it.
            }
        }
        return null;
    }

    private static void WriteAtomically(string target, byte[] bytes)
    {
        try
        {
            Output.AtomicFile.WriteAllBytes(target, bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CrossbarException($"{target}: cannot write ({e.Message})", e);
        }
    }

    internal static Uri WithSlash(Uri u) => u.AbsoluteUri.EndsWith('/') ? u : new Uri(u.AbsoluteUri + "/");
}
