using System.Runtime.ExceptionServices;
using Crossbar.Training;

namespace Crossbar.Sweeps;

/// <summary>
/// Runs the points of a sweep plan (or of one shard of it) on several threads and keeps the output folder resumable:
/// <code>
/// OUT/sweep.json             the whole sweep's point list and fingerprint
/// OUT/points/&lt;id&gt;/...        each point's run folder, then point.json (written last, atomically) = done
/// OUT/results.csv            rebuilt from the markers after every finished point
/// OUT/aggregate.csv
/// </code>
/// A point with a marker is never run again; a point folder without one is a run that was cut off, and is cleared and
/// run again. Each point's result depends only on its configuration, never on which thread ran it or how many ran at
/// once, and the tables follow the sweep's order, so the files do not depend on the degree of parallelism either.
/// </summary>
public static class SweepEngine
{
    public const string PointsDir = "points";

    public static string OutputDir(SweepPlan plan, SweepOptions? options) => options?.OutputDir ?? plan.Definition.DefaultOutputDir;

    public static string PointDir(string outDir, SweepPoint point) => Path.Combine(outDir, PointsDir, point.Id);

    /// <summary>
    /// The markers of <paramref name="plan"/>'s points already in <paramref name="outDir"/>. A marker written by a
    /// different configuration of the same point is an error: its results would silently stand for the new one.
    /// </summary>
    public static Dictionary<string, PointMarker> LoadMarkers(SweepPlan plan, string outDir)
    {
        var markers = new Dictionary<string, PointMarker>();
        var stale = new List<SweepPoint>();
        foreach (var p in plan.Points)
        {
            string path = Path.Combine(PointDir(outDir, p), PointMarker.FileName);
            if (!File.Exists(path))
            {
                continue;
            }
            var m = PointMarker.Load(path);
            if (m.Id != p.Id || m.ConfigHash != p.ConfigHash)
            {
                stale.Add(p);
                continue;
            }
            markers[p.Id] = m;
        }
        if (stale.Count > 0)
        {
            throw new CrossbarException(
                $"{outDir}: {stale.Count} finished point(s) (e.g. {PointDir(outDir, stale[0])}) were run with a different configuration " +
                "(the experiment, the sweep's experiment: or --set changed since); use another --out, or delete those point folders to run them again");
        }
        return markers;
    }

    /// <summary>Runs every point of the plan (of <see cref="SweepOptions.Shard"/>) that has no marker yet.</summary>
    /// <param name="runner">Runs one point; default <see cref="TrainingPointRunner.Run"/>.</param>
    /// <exception cref="OperationCanceledException">When <paramref name="cancel"/> fired before all points finished.</exception>
    public static SweepOutcome Run(SweepPlan plan, SweepOptions? options = null, SweepRunner? runner = null,
                                   IProgressSink? progress = null, CancellationToken cancel = default)
    {
        options ??= new SweepOptions();
        runner ??= TrainingPointRunner.Run;
        progress ??= NullProgress.Instance;
        string outDir = OutputDir(plan, options);
        int parallel = options.Parallel ?? plan.Definition.Parallel ?? Environment.ProcessorCount;
        if (parallel < 1)
        {
            throw new CrossbarException($"--parallel {parallel}: must be at least 1");
        }
        var cache = options.Data ?? new DatasetCache();

        using var folderLock = SweepLock.Acquire(outDir);
        RemoveTemporaryFiles(outDir);
        SweepManifest.From(plan).Save(outDir);
        var done = LoadMarkers(plan, outDir);
        var shard = plan.ForShard(options.Shard);
        var pending = shard.Where(p => !done.ContainsKey(p.Id)).ToList();
        int alreadyDone = shard.Count - pending.Count;
        foreach (var p in pending)
        {
            Clear(PointDir(outDir, p));
        }
        var gate = new Lock();
        void WriteResults() => SweepResults.Write(outDir, plan.Keys, [.. plan.Points.Where(p => done.ContainsKey(p.Id)).Select(p => done[p.Id])]);
        WriteResults();

        int workers = Math.Max(1, Math.Min(parallel, pending.Count));
        string shardText = options.Shard.Count > 1 ? $", shard {options.Shard} has {shard.Count}" : "";
        progress.Message($"sweep {plan.Name}: {plan.Points.Count} points{shardText}; {alreadyDone} done, {pending.Count} to run, {workers} at a time -> {outDir}");

        int next = -1;
        int ran = 0;
        ExceptionDispatchInfo? failure = null;
        void Work()
        {
            while (!cancel.IsCancellationRequested && Volatile.Read(ref failure) is null)
            {
                int i = Interlocked.Increment(ref next);
                if (i >= pending.Count)
                {
                    return;
                }
                var point = pending[i];
                string dir = PointDir(outDir, point);
                try
                {
                    Clear(dir);
                    Directory.CreateDirectory(dir);
                    var summary = runner(new SweepRunContext(point, dir, options.DataFolder, cache, plan.Definition.Source), cancel);
                    var marker = PointMarker.From(point, plan.Name, summary);
                    marker.Save(dir);
                    lock (gate)
                    {
                        done[point.Id] = marker;
                        ran++;
                        WriteResults();
                        progress.Message($"[{alreadyDone + ran}/{shard.Count}] {point.Id}{Headline(summary)}");
                        progress.Report(ran, pending.Count, $"{alreadyDone + ran}/{shard.Count} points");
                    }
                }
                catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    var wrapped = e is CrossbarException ? new CrossbarException($"sweep point {point.Id}: {e.Message}", e) : e;
                    Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(wrapped), null);
                    return;
                }
            }
        }

        // Dedicated threads: each point is long, CPU-bound, single-threaded work.
        var threads = Enumerable.Range(0, workers)
            .Select(_ => Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        Task.WaitAll(threads);

        failure?.Throw();
        if (ran < pending.Count)
        {
            cancel.ThrowIfCancellationRequested();
        }
        WriteResults();
        return new SweepOutcome(outDir, plan.Points.Count, shard.Count, alreadyDone, ran);
    }

    private static string Headline(Output.RunSummary summary)
    {
        var parts = new List<string>();
        if (summary.GetDouble("test_accuracy") is { } acc)
        {
            parts.Add($"test accuracy {acc:P2}");
        }
        if (summary.GetDouble("wall_seconds") is { } wall)
        {
            parts.Add($"{wall:F1} s");
        }
        return parts.Count > 0 ? ": " + string.Join(", ", parts) : "";
    }

    /// <summary>Removes a point folder left by a run that was cut off (it has no marker, so nothing in it counts).</summary>
    private static void Clear(string dir)
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Temporary files of atomic writes interrupted by a kill (we hold the folder's lock, so none is in use).</summary>
    private static void RemoveTemporaryFiles(string outDir)
    {
        foreach (var f in Directory.EnumerateFiles(outDir, ".*.tmp"))
        {
            File.Delete(f);
        }
    }
}
