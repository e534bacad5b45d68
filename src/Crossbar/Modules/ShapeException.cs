namespace Crossbar.Modules;

/// <summary>A module cannot take the shape it is given; the message names the module and both shapes.</summary>
public sealed class ShapeException(string message) : CrossbarException(message);
