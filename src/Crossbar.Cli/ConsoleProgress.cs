using System.Diagnostics;
using Crossbar.Training;
using Spectre.Console;

namespace Crossbar.Cli;

/// <summary>
/// Progress for long work: a live bar with ETA on a terminal; on a pipe or in CI, a plain line every few seconds.
/// </summary>
public sealed class ConsoleProgress : IProgressSink, IDisposable
{
    private readonly TextWriter _out;
    private readonly bool _quiet;
    private readonly bool _live;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private double _lastDraw = -1e9;
    private string _lastLine = "";

    public ConsoleProgress(TextWriter output, bool quiet)
    {
        _out = output;
        _quiet = quiet;
        _live = !quiet && !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out)
            && AnsiConsole.Profile.Capabilities.Interactive;
    }

    public void Report(long done, long total, string status)
    {
        if (_quiet)
        {
            return;
        }
        double now = _clock.Elapsed.TotalSeconds;
        bool finished = done >= total;
        if (!finished && now - _lastDraw < (_live ? 0.2 : 5.0))
        {
            return;
        }
        _lastDraw = now;
        double frac = total > 0 ? Math.Clamp((double)done / total, 0, 1) : 0;
        string eta = frac > 0 && !finished ? Format(now / frac - now) : "--";
        if (_live)
        {
            const int width = 30;
            int filled = (int)Math.Round(frac * width);
            string bar = new string('█', filled) + new string('░', width - filled);
            string line = $"\r{bar} {frac,6:P1}  {done:N0}/{total:N0}  elapsed {Format(now)}  eta {eta}  {status}";
            _out.Write(line.PadRight(Math.Max(_lastLine.Length, line.Length)));
            _lastLine = line;
            if (finished)
            {
                _out.WriteLine();
                _lastLine = "";
            }
        }
        else
        {
            _out.WriteLine($"[{Format(now)}] {frac:P1} ({done:N0}/{total:N0}) eta {eta} {status}");
        }
    }

    public void Message(string line)
    {
        if (_quiet)
        {
            return;
        }
        if (_live && _lastLine.Length > 0)
        {
            _out.Write("\r" + new string(' ', _lastLine.Length) + "\r");
            _lastLine = "";
        }
        _out.WriteLine(line);
    }

    private static string Format(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Max(0, seconds));
        return t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes:D2}m" : $"{t.Minutes:D2}:{t.Seconds:D2}";
    }

    public void Dispose()
    {
        if (_live && _lastLine.Length > 0)
        {
            _out.WriteLine();
        }
    }
}
