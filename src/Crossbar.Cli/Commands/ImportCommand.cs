using System.CommandLine;
using Crossbar.Config;
using Crossbar.Import.Onnx;
using Crossbar.Persistence;

namespace Crossbar.Cli.Commands;

/// <summary><c>crossbar import</c>: an ONNX model as a Crossbar model file (network family onnx plus its weights).</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "The .onnx file (opsets 7 to 21), e.g. ../shared/models/mnist-8-onnx/mnist-8.onnx" };
        var outPath = new Option<string>("--out") { Description = "The model file to write (written atomically; nothing is written when the import fails).", Required = true };
        var command = new Command("import", "Import an ONNX network (structure and float weights) and save it as a Crossbar model file for crossbar infer/eval --model.")
        {
            model, outPath,
        };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            string path = parse.GetValue(model)!;
            string target = parse.GetValue(outPath)!;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var imported = OnnxImporter.Import(path);
            var config = new ExperimentConfig
            {
                Name = Path.GetFileNameWithoutExtension(path),
                Description = $"imported from {path}",
                Network = new NetworkConfig { Family = NetworkFamily.Onnx, Onnx = Path.GetFullPath(path) },
            };
            string? dir = Path.GetDirectoryName(Path.GetFullPath(target));
            if (dir is not null)
            {
                Directory.CreateDirectory(dir);
            }
            GraphModelFile.Save(target, config, imported.Graph);
            stdout.WriteLine($"{path}: {imported.Describe()}; imported in {clock.Elapsed.TotalSeconds:F2} s -> {target}");
            return 0;
        });
        return command;
    }
}
