using System.CommandLine;
using Crossbar.Config;
using Crossbar.Experiments;
using Crossbar.Modules;

namespace Crossbar.Cli.Commands;

/// <summary><c>crossbar eval</c>: floating-point test accuracy of a trained graph network (own model file or published weights).</summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Experiment file giving the data (and the network, with --weights), e.g. experiments/sebastian-computational-memory/resnet20-published.yaml" };
        var model = new Option<string?>("--model") { Description = "A model.cbm of a graph network (crossbar train output) or an ONNX file; its own network is used. Not needed when the file's network is family onnx." };
        var weights = new Option<string?>("--weights") { Description = "A JSON manifest of raw float32 weights named as a PyTorch state_dict (e.g. ../shared/models/resnet20-cifar10/resnet20_weights_manifest.json), loaded into the file's network." };
        var threads = new Option<int>("--threads") { Description = "Threads (0 = every core).", DefaultValueFactory = _ => 0 };
        var set = CommonOptions.Set();
        var outDir = CommonOptions.Out();
        var data = CommonOptions.Data();
        var quiet = CommonOptions.Quiet();
        var command = new Command("eval", "Test-set accuracy (overall and per class) of a trained CNN/ResNet in floating point; writes eval.json.")
        {
            file, model, weights, threads, set, outDir, data, quiet,
        };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            string path = parse.GetValue(file)!;
            string? m = parse.GetValue(model), w = parse.GetValue(weights);
            var (config, _) = ExperimentLoader.Load(path, parse.GetValue(set));
            if (m is not null && w is not null || m is null && w is null && config.Network.Family != NetworkFamily.Onnx)
            {
                throw new CrossbarException("give exactly one of --model MODEL.cbm|MODEL.onnx or --weights MANIFEST.json (or a file whose network is family onnx)");
            }
            int n = parse.GetValue(threads);
            if (n < 0)
            {
                throw new CrossbarException($"--threads: {n} is not allowed; give 0 (every core) or more");
            }
            using var progress = new ConsoleProgress(stdout, parse.GetValue(quiet));
            var r = GraphEvaluation.Run(config, m, w, parse.GetValue(data), n > 0 ? n : WorkerPool.DefaultThreads, progress);
            string dir = TrainingRun.ResolveOutputDir(config, parse.GetValue(outDir));
            Directory.CreateDirectory(dir);
            string result = Path.Combine(dir, GraphEvaluation.ResultFile);
            GraphEvaluation.Save(r, result, m ?? w ?? config.Network.Onnx!);
            stdout.WriteLine($"{config.Name}: {GraphEvaluation.Describe(r)} -> {result}");
            return 0;
        });
        return command;
    }
}
