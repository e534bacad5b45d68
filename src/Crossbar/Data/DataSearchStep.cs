namespace Crossbar.Data;

/// <summary>One folder the locator looked at: why (<see cref="Origin"/>), where, and what it found there.</summary>
public sealed record DataSearchStep(string Origin, string Folder, string Outcome, bool Found)
{
    public override string ToString() => $"{Folder} ({Origin}: {Outcome})";
}

/// <summary>The files the locator settled on, and every folder it looked at on the way.</summary>
public sealed record DatasetLocation(DatasetFiles Files, IReadOnlyList<DataSearchStep> Searched);
