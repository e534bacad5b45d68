using System.Text.Json.Nodes;
using Crossbar.Config;

namespace Crossbar.Persistence;

/// <summary>What a model file holds: the resolved experiment config, the header and the sections in order.</summary>
public sealed record ModelContents(string Path, ExperimentConfig Config, JsonObject Header, IReadOnlyList<ModelSection> Sections)
{
    /// <summary>The section of that name; a missing one is a <see cref="CrossbarException"/> naming the file.</summary>
    public ModelSection Section(string name, string kind) =>
        Sections.FirstOrDefault(s => s.Name == name) is { } s
            ? s.Kind == kind ? s : throw new CrossbarException($"{Path}: section {name} is {s.Kind}; expected {kind}")
            : throw new CrossbarException($"{Path}: section {name} is missing");
}
