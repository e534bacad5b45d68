using Crossbar.Config;

namespace Crossbar.Data;

/// <summary>
/// Finds the folder holding a dataset's files (four IDX files; six binary batches for CIFAR-10). Places, highest priority first: the CLI's <c>--data</c>,
/// the config's <c>data.path</c>, <c>$CROSSBAR_DATA</c>; a place the user names is the only one searched, so that a typo
/// is reported rather than silently replaced by another copy. Only when none is named are the defaults searched:
/// <c>../shared/data/&lt;name&gt;</c>, <c>./data/&lt;name&gt;</c>, then <c>shared/data/&lt;name&gt;</c> and
/// <c>data/&lt;name&gt;</c> in the current directory and each of its parents. A named folder may be the dataset
/// folder itself or a parent holding <c>&lt;name&gt;/</c>.
/// </summary>
public sealed class DatasetLocator
{
    public const string EnvironmentVariable = "CROSSBAR_DATA";

    private readonly string? _environmentData;
    private readonly string _currentDirectory;

    /// <param name="environmentData">The value of <c>$CROSSBAR_DATA</c> (null or blank = unset).</param>
    /// <param name="currentDirectory">Where relative paths and the default search start.</param>
    public DatasetLocator(string? environmentData, string currentDirectory)
    {
        _environmentData = string.IsNullOrWhiteSpace(environmentData) ? null : environmentData;
        _currentDirectory = Path.GetFullPath(currentDirectory);
    }

    /// <summary>A locator reading the real environment variable and current directory.</summary>
    public static DatasetLocator FromEnvironment() =>
        new(Environment.GetEnvironmentVariable(EnvironmentVariable), Directory.GetCurrentDirectory());

    /// <summary>The dataset's folder name: <c>mnist</c>, <c>fashion-mnist</c> or <c>cifar-10</c>.</summary>
    public static string FolderName(DatasetName dataset) => dataset switch
    {
        DatasetName.Mnist => "mnist",
        DatasetName.FashionMnist => "fashion-mnist",
        DatasetName.Cifar10 => "cifar-10",
        _ => throw new ArgumentOutOfRangeException(nameof(dataset)),
    };

    /// <summary>The folders to look in, in order, each with the reason it is on the list.</summary>
    public IReadOnlyList<(string Origin, string Folder)> Candidates(DatasetName dataset, string? explicitFolder, string? configFolder)
    {
        string name = FolderName(dataset);
        var named = new (string Origin, string? Folder)[]
        {
            ("--data", explicitFolder),
            ("data.path", configFolder),
            ("$" + EnvironmentVariable, _environmentData),
        };
        foreach (var (origin, folder) in named)
        {
            if (!string.IsNullOrWhiteSpace(folder))
            {
                string full = Path.GetFullPath(folder, _currentDirectory);
                return [(origin, full), (origin, Path.Combine(full, name))];
            }
        }
        var list = new List<(string, string)>
        {
            ("default", Path.GetFullPath(Path.Combine("..", "shared", "data", name), _currentDirectory)),
            ("default", Path.Combine(_currentDirectory, "data", name)),
        };
        for (var dir = new DirectoryInfo(_currentDirectory); dir is not null; dir = dir.Parent)
        {
            list.Add(("default, walking up", Path.Combine(dir.FullName, "shared", "data", name)));
            list.Add(("default, walking up", Path.Combine(dir.FullName, "data", name)));
        }
        return list.DistinctBy(c => c.Item2).ToList();
    }

    /// <summary>Finds the dataset or throws a one-line <see cref="CrossbarException"/> listing where it looked.</summary>
    public DatasetLocation Locate(DatasetName dataset, string? explicitFolder, string? configFolder)
    {
        if (dataset == DatasetName.Cifar10)
        {
            throw new CrossbarException("cifar10 has no IDX files; it is read by ImageSetLoader (image networks), not by the MNIST loader");
        }
        var (files, steps) = Search(dataset, explicitFolder, configFolder, TryFolder);
        return new DatasetLocation(files, steps);
    }

    /// <summary>Finds the six CIFAR-10 batches like <see cref="Locate"/> finds MNIST (folder name <c>cifar-10</c>).</summary>
    public Cifar10Location LocateCifar10(string? explicitFolder, string? configFolder)
    {
        var (files, steps) = Search(DatasetName.Cifar10, explicitFolder, configFolder, TryCifar10Folder);
        return new Cifar10Location(files, steps);
    }

    private delegate T? FolderProbe<T>(string folder, out string outcome) where T : class;

    private (T Files, List<DataSearchStep> Steps) Search<T>(DatasetName dataset, string? explicitFolder, string? configFolder,
        FolderProbe<T> probe) where T : class
    {
        var steps = new List<DataSearchStep>();
        foreach (var (origin, folder) in Candidates(dataset, explicitFolder, configFolder))
        {
            var files = probe(folder, out string outcome);
            steps.Add(new DataSearchStep(origin, folder, outcome, files is not null));
            if (files is not null)
            {
                return (files, steps);
            }
        }
        string name = FolderName(dataset);
        throw new CrossbarException(
            $"{name} dataset not found; searched: {string.Join("; ", steps)}. "
            + $"Get it with: crossbar data download --to data --dataset {ConfigNaming.EnumName(dataset)} (then it is found in ./data/{name}), or point --data at it");
    }

    /// <summary>The six CIFAR-10 batches in <paramref name="folder"/>, or null with the reason in <paramref name="outcome"/>.</summary>
    public static Cifar10Files? TryCifar10Folder(string folder, out string outcome)
    {
        if (!Directory.Exists(folder))
        {
            outcome = "no such folder";
            return null;
        }
        var missing = Cifar10Files.AllNames.Where(n => !File.Exists(Path.Combine(folder, n))).ToList();
        if (missing.Count == Cifar10Files.AllNames.Count)
        {
            outcome = "no CIFAR-10 batch files";
            return null;
        }
        if (missing.Count > 0)
        {
            outcome = $"incomplete, missing {string.Join(", ", missing)}";
            return null;
        }
        outcome = "found";
        return new Cifar10Files(folder, Cifar10Files.TrainNames.Select(n => Path.Combine(folder, n)).ToArray(),
            Path.Combine(folder, Cifar10Files.TestName));
    }

    /// <summary>The four files in <paramref name="folder"/>, or null with the reason in <paramref name="outcome"/>.</summary>
    public static DatasetFiles? TryFolder(string folder, out string outcome)
    {
        if (!Directory.Exists(folder))
        {
            outcome = "no such folder";
            return null;
        }
        var found = new Dictionary<DatasetFileKind, string>();
        foreach (var kind in DatasetFileKinds.All)
        {
            foreach (var candidate in kind.AcceptedNames())
            {
                string p = Path.Combine(folder, candidate);
                if (File.Exists(p))
                {
                    found[kind] = p;
                    break;
                }
            }
        }
        if (found.Count == 0)
        {
            outcome = "no IDX files";
            return null;
        }
        if (found.Count < DatasetFileKinds.All.Length)
        {
            var missing = DatasetFileKinds.All.Where(k => !found.ContainsKey(k)).Select(k => k.StandardName() + "[.gz]");
            outcome = $"incomplete, missing {string.Join(", ", missing)}";
            return null;
        }
        outcome = "found";
        return new DatasetFiles(folder,
            found[DatasetFileKind.TrainImages], found[DatasetFileKind.TrainLabels],
            found[DatasetFileKind.TestImages], found[DatasetFileKind.TestLabels]);
    }
}
