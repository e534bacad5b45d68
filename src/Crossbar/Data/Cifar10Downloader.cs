using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using Crossbar.Config;

namespace Crossbar.Data;

/// <summary>
/// Downloads the official <c>cifar-10-binary.tar.gz</c> and unpacks its six batches into <c>&lt;to&gt;/cifar-10/</c>.
/// The tarball goes to a temporary file (progress lines while it comes), its md5 is checked, then each wanted batch is
/// unpacked to a temporary name, checked (whole records, labels 0..9, md5) and only when all are good renamed into
/// place, so a bad or interrupted download never leaves a half-written file under a real name. Valid batches already
/// present are kept; when all six are, nothing is fetched.
/// </summary>
public static class Cifar10Downloader
{
    public const string TarballName = "cifar-10-binary.tar.gz";

    /// <summary>The folder the batches sit in inside the tarball.</summary>
    public const string TarballFolder = "cifar-10-batches-bin";

    /// <param name="mirror">A custom base URL instead of the official one; md5 mismatches are then warnings.</param>
    /// <param name="log">Receives one line per action, as it happens (progress included).</param>
    public static async Task<IReadOnlyList<DownloadResult>> DownloadAsync(string to, Uri? mirror, HttpClient http,
        Action<string> log, CancellationToken cancel = default)
    {
        string folder = DatasetDownloader.TargetFolder(to, DatasetName.Cifar10);
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CrossbarException($"{folder}: cannot create folder ({e.Message})", e);
        }
        var results = new Dictionary<string, DownloadResult>();
        foreach (var name in Cifar10Files.AllNames)
        {
            if (ExistingValid(folder, name) is { } kept)
            {
                log($"{name}: already present and valid, skipped");
                results[name] = kept;
            }
        }
        var wanted = Cifar10Files.AllNames.Where(n => !results.ContainsKey(n)).ToList();
        if (wanted.Count > 0)
        {
            bool custom = mirror is not null;
            var mirrors = custom ? [DatasetDownloader.WithSlash(mirror!)] : DatasetDownloader.StandardMirrors(DatasetName.Cifar10);
            var failures = new List<string>();
            IReadOnlyList<DownloadResult>? unpacked = null;
            foreach (var baseUri in mirrors)
            {
                unpacked = await TryMirrorAsync(new Uri(baseUri, TarballName), folder, wanted, custom, http, log, failures, cancel)
                    .ConfigureAwait(false);
                if (unpacked is not null)
                {
                    break;
                }
            }
            if (unpacked is null)
            {
                throw new CrossbarException($"{Path.Combine(folder, TarballName)}: download failed: {string.Join("; ", failures)}");
            }
            foreach (var r in unpacked)
            {
                results[System.IO.Path.GetFileName(r.Path)] = r;
            }
        }
        return Cifar10Files.AllNames.Select(n => results[n]).ToList();
    }

    /// <summary>Fetches and unpacks from one URL; null (with the reason added to <paramref name="failures"/>) when it fails.</summary>
    private static async Task<IReadOnlyList<DownloadResult>?> TryMirrorAsync(Uri url, string folder, IReadOnlyList<string> wanted,
        bool custom, HttpClient http, Action<string> log, List<string> failures, CancellationToken cancel)
    {
        string tarball = TemporaryName(folder, TarballName);
        try
        {
            log($"downloading {url}");
            string? md5 = await FetchAsync(url, tarball, http, log, failures, cancel).ConfigureAwait(false);
            if (md5 is null)
            {
                return null;
            }
            string? warning = null;
            if (md5 != KnownChecksums.Cifar10TarballMd5)
            {
                string problem = $"{url}: md5 {md5} differs from the official {KnownChecksums.Cifar10TarballMd5}";
                if (!custom)
                {
                    failures.Add(problem);
                    return null;
                }
                warning = problem + " (kept: the batches inside are checked one by one)";
                log("warning: " + warning);
            }
            else
            {
                log($"{TarballName}: md5 {md5} (matches official)");
            }
            return Unpack(tarball, url, folder, wanted, custom, log, failures);
        }
        finally
        {
            TryDelete(tarball);
        }
    }

    /// <summary>Streams the response to <paramref name="target"/> with progress lines; returns its md5, or null on failure.</summary>
    private static async Task<string?> FetchAsync(Uri url, string target, HttpClient http, Action<string> log, List<string> failures,
        CancellationToken cancel)
    {
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancel).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                failures.Add($"{url}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
                return null;
            }
            long? length = response.Content.Headers.ContentLength;
            using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
            var body = await response.Content.ReadAsStreamAsync(cancel).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var file = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await using (file.ConfigureAwait(false))
                {
                    var buffer = new byte[1 << 16];
                    long total = 0, nextReport = ReportStep(length);
                    int n;
                    while ((n = await body.ReadAsync(buffer, cancel).ConfigureAwait(false)) > 0)
                    {
                        await file.WriteAsync(buffer.AsMemory(0, n), cancel).ConfigureAwait(false);
                        md5.AppendData(buffer, 0, n);
                        total += n;
                        if (total >= nextReport)
                        {
                            log(length is { } l and > 0
                                ? $"  {100 * total / l,3}%  {Mb(total)} of {Mb(l)} MB"
                                : $"  {Mb(total)} MB");
                            nextReport = total + ReportStep(length);
                        }
                    }
                    if (length is { } expected && total != expected)
                    {
                        failures.Add($"{url}: truncated: got {total:N0} of {expected:N0} bytes");
                        return null;
                    }
                    file.Flush(flushToDisk: true);
                }
            }
            return Convert.ToHexStringLower(md5.GetHashAndReset());
        }
        catch (HttpRequestException e)
        {
            failures.Add($"{url}: {e.Message}");
        }
        catch (IOException e)
        {
            failures.Add($"{url}: {e.Message}");
        }
        catch (TaskCanceledException e) when (!cancel.IsCancellationRequested)
        {
            failures.Add($"{url}: timed out ({e.Message})");
        }
        return null;
    }

    /// <summary>A progress line every tenth of the file (every 16 MB when the size is not known).</summary>
    private static long ReportStep(long? length) => length is { } l and > 0 ? Math.Max(1, (l + 9) / 10) : 16L << 20;

    /// <summary>Unpacks the wanted batches to temporary files, checks them, then renames them all into place.</summary>
    private static List<DownloadResult>? Unpack(string tarball, Uri url, string folder, IReadOnlyList<string> wanted, bool custom,
        Action<string> log, List<string> failures)
    {
        var temps = new Dictionary<string, string>();
        var results = new List<DownloadResult>();
        try
        {
            using (var file = File.OpenRead(tarball))
            using (var gz = new GZipStream(file, CompressionMode.Decompress))
            using (var tar = new TarReader(gz))
            {
                TarEntry? entry;
                while ((entry = tar.GetNextEntry()) is not null)
                {
                    // Accept the batches wherever they sit (cifar-10-batches-bin/ in the official tarball).
                    string name = entry.Name.Replace('\\', '/').Split('/')[^1];
                    if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                        || !wanted.Contains(name) || temps.ContainsKey(name) || entry.DataStream is null)
                    {
                        continue;
                    }
                    string source = $"{url}!{entry.Name}";
                    if (entry.Length > int.MaxValue)
                    {
                        failures.Add($"{source}: {entry.Length:N0} bytes is too large for a CIFAR-10 batch");
                        return null;
                    }
                    var bytes = new byte[entry.Length];
                    entry.DataStream.ReadExactly(bytes);
                    Cifar10Reader.Validate(bytes, source);
                    string md5 = KnownChecksums.Md5Hex(bytes);
                    string? official = KnownChecksums.Cifar10Md5(name);
                    string? warning = null;
                    if (official is not null && md5 != official)
                    {
                        string problem = $"{source}: md5 {md5} differs from the official {official}";
                        if (!custom)
                        {
                            failures.Add(problem);
                            return null;
                        }
                        warning = problem + " (kept: it is a valid CIFAR-10 batch from the mirror you chose)";
                        log("warning: " + warning);
                    }
                    string temp = TemporaryName(folder, name);
                    temps[name] = temp;
                    WriteDurably(temp, bytes);
                    string target = Path.Combine(folder, name);
                    log($"{name}: {bytes.Length:N0} bytes, md5 {md5}{(official is null ? "" : md5 == official ? " (matches official)" : "")}");
                    results.Add(new DownloadResult(null, target, md5, official, Skipped: false, url.ToString(), warning));
                }
            }
            var missing = wanted.Where(n => !temps.ContainsKey(n)).ToList();
            if (missing.Count > 0)
            {
                failures.Add($"{url}: the tarball holds no {string.Join(", ", missing)} (expected under {TarballFolder}/)");
                return null;
            }
            foreach (var (name, temp) in temps)
            {
                File.Move(temp, Path.Combine(folder, name), overwrite: true);
            }
            temps.Clear();
            return results;
        }
        catch (CrossbarException e)
        {
            failures.Add(e.Message);
            return null;
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
        {
            failures.Add($"{url}: corrupt tarball ({e.Message.ReplaceLineEndings(" ")})");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CrossbarException($"{folder}: cannot write ({e.Message})", e);
        }
        finally
        {
            foreach (var temp in temps.Values)
            {
                TryDelete(temp);
            }
        }
    }

    /// <summary>A batch already in the folder that is whole records with labels 0..9, or null.</summary>
    private static DownloadResult? ExistingValid(string folder, string name)
    {
        string path = Path.Combine(folder, name);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            var bytes = Cifar10Reader.ReadValidated(path);
            return new DownloadResult(null, path, KnownChecksums.Md5Hex(bytes), KnownChecksums.Cifar10Md5(name), Skipped: true,
                "already present", null);
        }
        catch (CrossbarException)
        {
            return null; // Invalid copy: unpack it again and replace it.
        }
    }

    // Hidden, process- and call-unique names in the target folder (same file system, so the rename is atomic), like
    // AtomicFile's.
    private static string TemporaryName(string folder, string name) =>
        Path.Combine(folder, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");

    private static void WriteDurably(string path, byte[] bytes)
    {
        using var fs = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        fs.Write(bytes);
        fs.Flush(flushToDisk: true);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover hidden .tmp file does no harm.
        }
    }

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);
}
