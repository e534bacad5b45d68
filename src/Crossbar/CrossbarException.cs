namespace Crossbar;

/// <summary>
/// An error caused by the user's input (a config file, a data file, a command-line value), as opposed to a bug.
/// The CLI prints its message on one line and exits non-zero, without a stack trace.
/// </summary>
public class CrossbarException : Exception
{
    public CrossbarException(string message) : base(message) { }

    public CrossbarException(string message, Exception inner) : base(message, inner) { }
}
