namespace Crossbar.Training;

/// <summary>Receives progress of long work; the CLI draws a progress bar (or plain lines when not on a terminal).</summary>
public interface IProgressSink
{
    /// <summary>Called often; implementations throttle drawing themselves.</summary>
    void Report(long done, long total, string status);

    /// <summary>A line worth keeping in the log (an epoch's accuracy, a finished sweep point).</summary>
    void Message(string line);
}

/// <summary>Discards progress (tests, library use).</summary>
public sealed class NullProgress : IProgressSink
{
    public static readonly NullProgress Instance = new();

    public void Report(long done, long total, string status) { }

    public void Message(string line) { }
}
