using System.CommandLine;
using Crossbar.Import.Onnx;
using Crossbar.Persistence;

namespace Crossbar.Cli.Commands;

/// <summary><c>crossbar export</c>: a graph model file (e.g. after hardware-aware fine-tuning) as ONNX for other tools.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "A model.cbm of a graph network (crossbar train output, or train-hardware-aware/model.cbm of crossbar infer)." };
        var outPath = new Option<string>("--out") { Description = "The .onnx file to write (opset 13; written atomically).", Required = true };
        var command = new Command("export", "Export a graph network's float weights and structure to ONNX (opset 13), e.g. a hardware-aware fine-tuned model, to run in your own tools.")
        {
            model, outPath,
        };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(model)!;
            string target = parse.GetValue(outPath)!;
            var (config, graph) = GraphModelFile.Load(path);
            string? dir = Path.GetDirectoryName(Path.GetFullPath(target));
            if (dir is not null)
            {
                Directory.CreateDirectory(dir);
            }
            OnnxExporter.Export(graph, target, $"crossbar ({config.Name})");
            parse.InvocationConfiguration.Output.WriteLine($"{path}: {graph.Nodes.Count} modules, {graph.ParameterCount:N0} parameters -> {target} (opset {OnnxExporter.Opset})");
            return 0;
        });
        return command;
    }
}
