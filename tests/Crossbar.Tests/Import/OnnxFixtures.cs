using Google.Protobuf;
using Onnx;
using static Crossbar.Import.Onnx.OnnxProto;

namespace Crossbar.Tests.Import;

/// <summary>Small ONNX models built in code (OnnxSharp's message classes, <see cref="Crossbar.Import.Onnx.OnnxProto"/>) for the importer's op tests.</summary>
internal static class OnnxFixtures
{
    public static float[] Random(int n, int seed, float scale = 1f)
    {
        var rng = Crossbar.Numerics.CounterRng.ForStream((ulong)seed, "onnx-fixture");
        var v = new float[n];
        rng.FillGaussian(v, 0f, scale);
        return v;
    }

    /// <summary>A model of the given nodes and initializers with input "x" and output "y"; written to a temporary file.</summary>
    public static string Write(string name, int opset, long[] inputDims, long[] outputDims, IEnumerable<NodeProto> nodes, IEnumerable<TensorProto> initializers)
    {
        var graph = new GraphProto { Name = name };
        graph.Node.AddRange(nodes);
        graph.Initializer.AddRange(initializers);
        graph.Input.Add(Value("x", inputDims));
        graph.Output.Add(Value("y", outputDims));
        var model = new ModelProto { IrVersion = 7, Graph = graph, ProducerName = "crossbar-tests" };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = opset });
        string dir = Path.Combine(Path.GetTempPath(), "crossbar-onnx-tests");
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, $"{name}-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, model.ToByteArray());
        return path;
    }
}
