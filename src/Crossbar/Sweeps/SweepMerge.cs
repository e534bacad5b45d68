namespace Crossbar.Sweeps;

/// <summary>
/// Joins the output folders of a sweep's shards (run on other machines, copied back) into one folder: copies each
/// finished point folder, then rebuilds results.csv and aggregate.csv from all markers. Parts must come from the same
/// sweep (same fingerprint in sweep.json). A point present in several parts must agree in everything but its timings;
/// otherwise merging stops, naming both folders.
/// </summary>
public static class SweepMerge
{
    private const string TempPrefix = ".merge-";

    /// <param name="Total">Points in the sweep.</param>
    /// <param name="Done">Points with results in the merged folder.</param>
    /// <param name="Copied">Point folders copied by this merge.</param>
    /// <param name="Missing">Ids of points no part has finished, in sweep order.</param>
    public sealed record Outcome(string OutputDir, int Total, int Done, int Copied, IReadOnlyList<string> Missing);

    public static Outcome Merge(string outDir, IReadOnlyList<string> parts)
    {
        if (parts.Count == 0)
        {
            throw new CrossbarException("sweep merge: name at least one folder to merge");
        }
        var manifests = parts.Select(p => (Dir: p, Manifest: SweepManifest.Load(p))).ToList();
        var manifest = manifests[0].Manifest;
        foreach (var (dir, m) in manifests.Skip(1).Where(x => x.Manifest.Fingerprint != manifest.Fingerprint))
        {
            throw new CrossbarException(
                $"{dir} holds sweep '{m.Name}' ({m.Fingerprint}) but {manifests[0].Dir} holds '{manifest.Name}' ({manifest.Fingerprint}); " +
                "only shards of one sweep (same file, same --set) can be merged");
        }
        if (File.Exists(Path.Combine(outDir, SweepManifest.FileName)) && SweepManifest.Load(outDir) is var existing
            && existing.Fingerprint != manifest.Fingerprint)
        {
            throw new CrossbarException($"{outDir} already holds another sweep ('{existing.Name}', {existing.Fingerprint}); merge into a new folder");
        }

        using var folderLock = SweepLock.Acquire(outDir);
        string pointsDir = Path.Combine(outDir, SweepEngine.PointsDir);
        Directory.CreateDirectory(pointsDir);
        foreach (var stale in Directory.EnumerateDirectories(pointsDir, TempPrefix + "*"))
        {
            Directory.Delete(stale, recursive: true);
        }
        var have = new Dictionary<string, (PointMarker Marker, string From)>();
        foreach (var id in manifest.Points)
        {
            string marker = Path.Combine(pointsDir, id, PointMarker.FileName);
            if (File.Exists(marker))
            {
                have[id] = (PointMarker.Load(marker), outDir);
            }
        }
        int copied = 0;
        string outFull = Path.GetFullPath(outDir).TrimEnd(Path.DirectorySeparatorChar);
        foreach (var part in parts.Where(p => Path.GetFullPath(p).TrimEnd(Path.DirectorySeparatorChar) != outFull))
        {
            foreach (var id in manifest.Points)
            {
                string source = Path.Combine(part, SweepEngine.PointsDir, id);
                string markerPath = Path.Combine(source, PointMarker.FileName);
                if (!File.Exists(markerPath))
                {
                    continue;
                }
                var marker = PointMarker.Load(markerPath);
                if (have.TryGetValue(id, out var known))
                {
                    if (known.Marker.Identity() != marker.Identity())
                    {
                        throw new CrossbarException(
                            $"conflicting results for point {id}: {Path.Combine(known.From, SweepEngine.PointsDir, id)} and {source} differ; " +
                            "delete the wrong one and merge again");
                    }
                    continue;
                }
                CopyPoint(source, Path.Combine(pointsDir, id), pointsDir);
                have[id] = (marker, part);
                copied++;
            }
        }
        manifest.Save(outDir);
        SweepResults.Write(outDir, manifest.Keys, [.. manifest.Points.Where(have.ContainsKey).Select(id => have[id].Marker)]);
        return new Outcome(outDir, manifest.Points.Count, have.Count, copied, [.. manifest.Points.Where(id => !have.ContainsKey(id))]);
    }

    /// <summary>Copies into a temporary folder, marker last, then renames it into place: a cut-off merge leaves no half point.</summary>
    private static void CopyPoint(string source, string target, string pointsDir)
    {
        string temp = Path.Combine(pointsDir, TempPrefix + Path.GetFileName(target));
        CopyTree(source, temp, skip: Path.Combine(source, PointMarker.FileName));
        File.Copy(Path.Combine(source, PointMarker.FileName), Path.Combine(temp, PointMarker.FileName));
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }
        Directory.Move(temp, target);
    }

    private static void CopyTree(string source, string target, string? skip)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            if (file != skip)
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }
        }
        foreach (var dir in Directory.EnumerateDirectories(source))
        {
            CopyTree(dir, Path.Combine(target, Path.GetFileName(dir)), null);
        }
    }
}
