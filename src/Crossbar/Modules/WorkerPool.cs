namespace Crossbar.Modules;

/// <summary>
/// A fixed set of threads that split a range of independent items (images, channels) statically: worker w takes
/// items [w·n/T, (w+1)·n/T). Every item is computed by the same code whatever the thread count, so results do not
/// depend on it as long as items are independent (sums over items are reduced by the caller in a fixed order).
/// The calling thread is worker 0; <see cref="Run"/> allocates nothing.
/// </summary>
public sealed class WorkerPool : IDisposable
{
    private readonly Thread[] _threads;
    private readonly ManualResetEventSlim[] _start;
    private readonly CountdownEvent _done;
    private Action<int, int, int>? _body;
    private int _count;
    private Exception? _error;
    private volatile bool _stopping;

    public WorkerPool(int threads)
    {
        if (threads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "at least one thread");
        }
        Threads = threads;
        _threads = new Thread[threads - 1];
        _start = new ManualResetEventSlim[threads - 1];
        _done = new CountdownEvent(1);
        // A slim event allocates its lock object the first time a thread blocks on it, which could be any later
        // Run; a timed wait on each event now, before any worker exists, moves that allocation here.
        _done.Wait(1);
        for (int i = 0; i < _threads.Length; i++)
        {
            int worker = i + 1;
            _start[i] = new ManualResetEventSlim(false, spinCount: 2000);
            _start[i].Wait(1);
            _threads[i] = new Thread(() => Loop(worker)) { IsBackground = true, Name = $"crossbar-worker-{worker}" };
            _threads[i].Start();
        }
    }

    /// <summary>One thread, no pool threads: everything runs inline.</summary>
    public static WorkerPool Serial { get; } = new(1);

    public int Threads { get; }

    /// <summary>Threads to use when the config says 0 (= every core).</summary>
    public static int DefaultThreads => Environment.ProcessorCount;

    /// <summary>Calls body(start, end, worker) on each worker's share of [0, count).</summary>
    public void Run(int count, Action<int, int, int> body)
    {
        int workers = Math.Min(Threads, count);
        if (workers <= 1)
        {
            if (count > 0)
            {
                body(0, count, 0);
            }
            return;
        }
        _body = body;
        _count = count;
        _error = null;
        _done.Reset(workers - 1);
        for (int w = 1; w < workers; w++)
        {
            _start[w - 1].Set();
        }
        try
        {
            body(0, count / workers, 0);
        }
        finally
        {
            _done.Wait();
        }
        _body = null;
        if (_error is { } e)
        {
            throw new AggregateException(e);
        }
    }

    private void Loop(int worker)
    {
        var start = _start[worker - 1];
        while (true)
        {
            start.Wait();
            start.Reset();
            if (_stopping)
            {
                return;
            }
            int workers = Math.Min(Threads, _count);
            try
            {
                _body!((int)((long)worker * _count / workers), (int)((long)(worker + 1) * _count / workers), worker);
            }
            catch (Exception e)
            {
                _error = e;
            }
            finally
            {
                _done.Signal();
            }
        }
    }

    public void Dispose()
    {
        if (ReferenceEquals(this, Serial))
        {
            return;
        }
        _stopping = true;
        foreach (var s in _start)
        {
            s.Set();
        }
        foreach (var t in _threads)
        {
            t.Join();
        }
        foreach (var s in _start)
        {
            s.Dispose();
        }
        _done.Dispose();
    }
}
