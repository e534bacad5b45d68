namespace Crossbar.Modules;

/// <summary>Training (batch statistics, dropout on, activations kept for backward) or evaluation.</summary>
public enum ForwardMode
{
    Evaluate,
    Train,
}
