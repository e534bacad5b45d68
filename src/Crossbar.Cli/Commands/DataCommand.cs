using System.CommandLine;
using System.Globalization;
using Crossbar.Config;
using Crossbar.Data;

namespace Crossbar.Cli.Commands;

/// <summary><c>crossbar data</c>: shows where the dataset is and checks its files; <c>crossbar data download</c> fetches it.</summary>
public static class DataCommand
{
    public static Command Create()
    {
        var data = CommonOptions.Data();
        data.HelpName = "DIR";
        var dataset = DatasetOption.Create();
        var command = new Command("data",
            "Find the dataset's files (IDX; CIFAR-10 binary batches) and check them: format, counts, shapes, md5 against the official files, label histogram.")
        {
            data,
            dataset,
            CreateDownload(),
        };
        command.SetAction(parseResult => Inspect(
            DatasetOption.Parse(parseResult.GetValue(dataset)), parseResult.GetValue(data), parseResult.InvocationConfiguration.Output));
        return command;
    }

    private static Command CreateDownload()
    {
        var to = new Option<string>("--to")
        {
            Description = "Folder to download into; files go to DIR/<dataset> (mnist, fashion-mnist or cifar-10) unless DIR already has that name. "
                + "'--to data' puts them where the default search finds them.",
            Required = true,
            HelpName = "DIR",
        };
        var dataset = DatasetOption.Create();
        var mirror = new Option<string?>("--mirror")
        {
            Description = "Base URL to download from instead of the standard ones (an md5 that differs from the official one is then only a warning).",
            HelpName = "URL",
        };
        var command = new Command("download",
            "Download the four gzipped IDX files (MNIST: ossci-datasets S3 mirror, then yann.lecun.com; Fashion-MNIST: its S3 site, then GitHub) "
            + "or CIFAR-10's cifar-10-binary.tar.gz (cs.toronto.edu, unpacked to its six .bin batches), "
            + "verify each and move it into place; valid files already there are kept.")
        {
            to,
            dataset,
            mirror,
        };
        command.SetAction((parseResult, cancel) => Download(DatasetOption.Parse(parseResult.GetValue(dataset)), parseResult.GetRequiredValue(to),
            parseResult.GetValue(mirror), parseResult.InvocationConfiguration.Output, cancel));
        return command;
    }

    private static int Inspect(DatasetName dataset, string? dataFolder, TextWriter stdout)
    {
        string name = DatasetLocator.FolderName(dataset);
        stdout.WriteLine($"Dataset: {name}");
        if (dataset == DatasetName.Cifar10)
        {
            return InspectCifar10(dataFolder, stdout);
        }
        // When nothing is found this throws one line naming every folder it tried.
        var location = DatasetLocator.FromEnvironment().Locate(dataset, dataFolder, configFolder: null);
        stdout.WriteLine("Looked in:");
        foreach (var step in location.Searched)
        {
            stdout.WriteLine($"  {step.Folder}  [{step.Origin}]  {step.Outcome}");
        }
        stdout.WriteLine($"Found: {location.Files.Folder}");
        stdout.WriteLine();

        var problems = new List<string>();
        var parsed = new Dictionary<DatasetFileKind, IdxFile>();
        foreach (var kind in DatasetFileKinds.All)
        {
            string path = location.Files[kind];
            stdout.WriteLine(Path.GetFileName(path));
            IdxFile file;
            try
            {
                file = kind.IsImages() ? IdxReader.ReadImages(path) : IdxReader.ReadLabels(path);
            }
            catch (CrossbarException e)
            {
                stdout.WriteLine($"  INVALID: {e.Message}");
                problems.Add(e.Message);
                continue;
            }
            parsed[kind] = file;
            string md5 = KnownChecksums.Md5HexOfFile(path);
            string? official = KnownChecksums.Md5(dataset, kind, file.Gzipped);
            string verdict = official is null ? "official md5 unknown"
                : official == md5 ? "matches the official md5"
                : $"DIFFERS from the official md5 {official}";
            stdout.WriteLine($"  format: {(file.Gzipped ? "gz" : "raw")}, {N(new FileInfo(path).Length)} bytes");
            stdout.WriteLine($"  count:  {N(file.Count)}");
            stdout.WriteLine($"  shape:  {file.ShapeText}");
            stdout.WriteLine($"  md5:    {md5} ({verdict})");
            if (file.IsLabels)
            {
                var histogram = new int[10];
                foreach (byte label in file.Data)
                {
                    histogram[label]++;
                }
                stdout.WriteLine($"  labels: {string.Join("  ", histogram.Select((c, i) => $"{i}:{N(c)}"))}");
            }
        }
        CheckPair(parsed, DatasetFileKind.TrainImages, DatasetFileKind.TrainLabels, location.Files, problems);
        CheckPair(parsed, DatasetFileKind.TestImages, DatasetFileKind.TestLabels, location.Files, problems);
        if (problems.Count > 0)
        {
            throw new CrossbarException($"{problems.Count} problem(s) in {location.Files.Folder}: {string.Join("; ", problems)}");
        }
        stdout.WriteLine();
        stdout.WriteLine("All four files are valid.");
        return 0;
    }

    private static int InspectCifar10(string? dataFolder, TextWriter stdout)
    {
        var location = DatasetLocator.FromEnvironment().LocateCifar10(dataFolder, configFolder: null);
        stdout.WriteLine("Looked in:");
        foreach (var step in location.Searched)
        {
            stdout.WriteLine($"  {step.Folder}  [{step.Origin}]  {step.Outcome}");
        }
        stdout.WriteLine($"Found: {location.Files.Folder}");
        stdout.WriteLine();
        var problems = new List<string>();
        foreach (string path in location.Files.All)
        {
            string fileName = Path.GetFileName(path);
            stdout.WriteLine(fileName);
            byte[] bytes;
            try
            {
                bytes = Cifar10Reader.ReadValidated(path);
            }
            catch (CrossbarException e)
            {
                stdout.WriteLine($"  INVALID: {e.Message}");
                problems.Add(e.Message);
                continue;
            }
            int count = bytes.Length / Cifar10Reader.RecordSize;
            string md5 = KnownChecksums.Md5Hex(bytes);
            string? official = KnownChecksums.Cifar10Md5(fileName);
            string verdict = official is null ? "official md5 unknown"
                : official == md5 ? "matches the official md5"
                : $"DIFFERS from the official md5 {official}";
            var histogram = new int[Cifar10Reader.Classes];
            for (int r = 0; r < count; r++)
            {
                histogram[bytes[r * Cifar10Reader.RecordSize]]++;
            }
            stdout.WriteLine($"  format: CIFAR-10 binary, {N(bytes.Length)} bytes");
            stdout.WriteLine($"  count:  {N(count)}");
            stdout.WriteLine($"  shape:  {count} × {Cifar10Reader.Channels} × {Cifar10Reader.Side} × {Cifar10Reader.Side}");
            stdout.WriteLine($"  md5:    {md5} ({verdict})");
            stdout.WriteLine($"  labels: {string.Join("  ", histogram.Select((c, i) => $"{i}:{N(c)}"))}");
        }
        if (problems.Count > 0)
        {
            throw new CrossbarException($"{problems.Count} problem(s) in {location.Files.Folder}: {string.Join("; ", problems)}");
        }
        stdout.WriteLine();
        stdout.WriteLine("All six files are valid.");
        return 0;
    }

    private static void CheckPair(Dictionary<DatasetFileKind, IdxFile> parsed, DatasetFileKind images, DatasetFileKind labels,
        DatasetFiles files, List<string> problems)
    {
        if (parsed.TryGetValue(images, out var i) && parsed.TryGetValue(labels, out var l) && i.Count != l.Count)
        {
            problems.Add($"{files[labels]}: count mismatch: holds {N(l.Count)} labels but {files[images]} holds {N(i.Count)} images");
        }
    }

    private static async Task<int> Download(DatasetName dataset, string to, string? mirror, TextWriter stdout, CancellationToken cancel)
    {
        Uri? mirrorUri = null;
        if (mirror is not null
            && (!Uri.TryCreate(mirror, UriKind.Absolute, out mirrorUri) || (mirrorUri.Scheme != Uri.UriSchemeHttp && mirrorUri.Scheme != Uri.UriSchemeHttps)))
        {
            throw new CrossbarException($"--mirror: '{mirror}' is not an http(s) URL");
        }
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("crossbar/0.1");
        string folder = DatasetDownloader.TargetFolder(to, dataset);
        stdout.WriteLine($"Downloading {DatasetLocator.FolderName(dataset)} into {folder}");
        var results = await DatasetDownloader.DownloadAsync(dataset, to, mirrorUri, http, stdout.WriteLine, cancel).ConfigureAwait(false);
        stdout.WriteLine();
        foreach (var r in results)
        {
            string verdict = r.Md5Matches switch
            {
                null => "official md5 unknown",
                true => "matches official",
                false => "DIFFERS from official " + r.OfficialMd5,
            };
            stdout.WriteLine($"{Path.GetFileName(r.Path)}: {(r.Skipped ? "kept" : "downloaded")}, md5 {r.Md5} ({verdict})");
        }
        int warnings = results.Count(r => r.Warning is not null);
        stdout.WriteLine(warnings == 0 ? $"Done: {folder}" : $"Done with {warnings} warning(s): {folder}");
        return 0;
    }

    private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
}
