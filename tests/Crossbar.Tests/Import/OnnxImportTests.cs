using System.IO.Compression;
using Crossbar.Import.Onnx;
using Crossbar.Modules;
using Crossbar.Tests.Modules;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using static Crossbar.Import.Onnx.OnnxProto;
using static Crossbar.Tests.Import.OnnxFixtures;

namespace Crossbar.Tests.Import;

/// <summary>The ONNX importer against ONNX Runtime (the oracle, tests only) and the Model Zoo's MNIST CNN.</summary>
public sealed class OnnxImportTests
{
    private static string MnistZoo() =>
        ThirdPartyResNetTests.Shared("models/mnist-8-onnx/mnist-8.onnx") ?? throw new InvalidOperationException("../shared/models/mnist-8-onnx is missing");

    private static float[] Crossbar(Graph graph, float[] x, int batch)
    {
        graph.Input.Resize(batch);
        x.CopyTo(graph.Input.Span);
        using var pool = new WorkerPool(2);
        return graph.Forward(ForwardMode.Evaluate, pool).Span.ToArray();
    }

    private static float[] Runtime(string path, string input, long[] dims, float[] x)
    {
        using var session = new InferenceSession(path);
        var tensor = new DenseTensor<float>(x, dims.Select(d => (int)d).ToArray());
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(input, tensor)]);
        return results.First().AsEnumerable<float>().ToArray();
    }

    private static void AssertClose(float[] expected, float[] actual, double relative = 1e-4)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(1e-6, expected.Max(v => Math.Abs((double)v)));
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= relative * scale, $"[{i}]: {actual[i]} vs ONNX Runtime {expected[i]}");
        }
    }

    /// <summary>A .npy array (little-endian int32 or float32) from an .npz archive.</summary>
    private static float[] Npz(string path, string array)
    {
        using var zip = ZipFile.OpenRead(path);
        using var s = zip.GetEntry(array + ".npy")!.Open();
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        var b = ms.ToArray();
        int headerLength = BitConverter.ToUInt16(b, 8);
        string header = System.Text.Encoding.ASCII.GetString(b, 10, headerLength);
        int start = 10 + headerLength, n = (b.Length - start) / 4;
        bool isInt = header.Contains("'<i4'", StringComparison.Ordinal);
        return Enumerable.Range(0, n).Select(i => isInt ? BitConverter.ToInt32(b, start + 4 * i) : BitConverter.ToSingle(b, start + 4 * i)).ToArray();
    }

    [Fact]
    public void The_model_zoo_mnist_cnn_imports_and_predicts_its_three_test_vectors()
    {
        var m = OnnxImporter.Import(MnistZoo());
        Assert.Equal(8, m.Opset);
        Assert.Equal(new Shape(1, 28, 28), m.Graph.InputShape);
        // SOURCE.md's 5,998 counts the two int64 shape initializers (2 + 2 values) that fold away.
        Assert.Equal(5_994, m.Graph.ParameterCount);
        // Conv+Add and MatMul+Add became layers with biases; both Reshapes folded or became one Flatten.
        Assert.Equal(2, m.Graph.Nodes.Count(n => n.Module is global::Crossbar.Modules.Layers.Conv2d { Bias: not null }));
        int[] expected = [5, 0, 4];
        for (int k = 0; k < 3; k++)
        {
            string npz = Path.Combine(Path.GetDirectoryName(MnistZoo())!, $"test_data_{k}.npz");
            var x = Npz(npz, "inputs");
            var y = Crossbar(m.Graph, x, 1);
            Assert.Equal(expected[k], Array.IndexOf(y, y.Max()));
            Assert.Equal(expected[k], Array.IndexOf(Npz(npz, "outputs"), 1f));
            AssertClose(Runtime(MnistZoo(), m.InputName, [1, 1, 28, 28], x), y);
        }
    }

    [Fact]
    public void The_model_zoo_mnist_cnn_matches_onnx_runtime_on_random_inputs()
    {
        var m = OnnxImporter.Import(MnistZoo());
        for (int seed = 0; seed < 5; seed++)
        {
            var x = Random(784, seed, 80f).Select(v => Math.Clamp(Math.Abs(v), 0f, 255f)).ToArray();
            AssertClose(Runtime(MnistZoo(), m.InputName, [1, 1, 28, 28], x), Crossbar(m.Graph, x, 1));
        }
    }

    [Theory]
    [InlineData(9)]
    [InlineData(13)]
    public void A_cnn_with_batch_norm_pooling_and_gemm_matches_onnx_runtime(int opset)
    {
        var nodes = new List<Onnx.NodeProto>
        {
            Node("Conv", "conv", ["x", "w", "b"], ["c"], Ints("kernel_shape", 3, 3), Ints("pads", 1, 1, 1, 1)),
            Node("BatchNormalization", "bn", ["c", "g", "beta", "mean", "var"], ["n"], Float("epsilon", 1e-5f)),
            Node("Relu", "relu", ["n"], ["r"]),
            Node("MaxPool", "pool", ["r"], ["p"], Ints("kernel_shape", 2, 2), Ints("strides", 2, 2)),
            Node("Conv", "conv2", ["p", "w2"], ["c2"], Ints("kernel_shape", 3, 3), Ints("strides", 2, 2), Text("auto_pad", "VALID")),
            Node("AveragePool", "avg", ["c2"], ["a"], Ints("kernel_shape", 1, 1)),
            Node("Flatten", "flatten", ["a"], ["f"], Int("axis", 1)),
            Node("Gemm", "fc", ["f", "fw", "fb"], ["g1"], Int("transB", 1), Float("alpha", 0.5f)),
            Node("Tanh", "tanh", ["g1"], ["t"]),
            Node("MatMul", "fc2", ["t", "fw2"], ["m"]),
            Node("Add", "bias2", ["m", "fb2"], ["y"]),
        };
        var inits = new List<Onnx.TensorProto>
        {
            Tensor("w", [6, 3, 3, 3], Random(162, 1, 0.3f)), Tensor("b", [6], Random(6, 2)),
            Tensor("g", [6], Random(6, 3).Select(v => 1 + 0.2f * v).ToArray()), Tensor("beta", [6], Random(6, 4)),
            Tensor("mean", [6], Random(6, 5, 0.1f)), Tensor("var", [6], Random(6, 6).Select(v => 0.5f + Math.Abs(v)).ToArray()),
            Tensor("w2", [4, 6, 3, 3], Random(216, 7, 0.3f)),
            Tensor("fw", [10, 36], Random(360, 8, 0.2f)), Tensor("fb", [10], Random(10, 9)),
            Tensor("fw2", [10, 3], Random(30, 10)), Tensor("fb2", [1, 3], Random(3, 11)),
        };
        string path = Write("cnn", opset, [-1, 3, 14, 14], [-1, 3], nodes, inits);
        var m = OnnxImporter.Import(path);
        var x = Random(2 * 3 * 14 * 14, 12);
        AssertClose(Runtime(path, "x", [2, 3, 14, 14], x), Crossbar(m.Graph, x, 2));
    }

    [Fact]
    public void A_residual_block_with_a_folded_reshape_shape_matches_onnx_runtime()
    {
        var nodes = new List<Onnx.NodeProto>
        {
            Node("Conv", "conv", ["x", "w"], ["c"], Ints("kernel_shape", 3, 3), Ints("pads", 1, 1, 1, 1)),
            Node("Relu", "relu", ["c"], ["r"]),
            Node("Add", "residual", ["r", "x"], ["s"]),
            Node("GlobalAveragePool", "gap", ["s"], ["g"]),
            // The exporter's shape chain: Shape → Gather(0) → Unsqueeze → Concat with [-1] → Reshape.
            Node("Shape", "shape", ["g"], ["sh"]),
            Node("Gather", "gather", ["sh", "zero"], ["n"], Int("axis", 0)),
            Node("Unsqueeze", "unsq", ["n"], ["n1"], Ints("axes", 0)),
            Node("Concat", "cat", ["n1", "minus1"], ["target"], Int("axis", 0)),
            Node("Reshape", "reshape", ["g", "target"], ["f"]),
            Node("Gemm", "fc", ["f", "fw", "fb"], ["y"]),
        };
        var zero = Int64s("zero", 0);
        zero.Dims.Clear();   // a scalar index
        var inits = new List<Onnx.TensorProto>
        {
            Tensor("w", [4, 4, 3, 3], Random(144, 1, 0.3f)), zero, Int64s("minus1", -1),
            Tensor("fw", [4, 5], Random(20, 2)), Tensor("fb", [5], Random(5, 3)),
        };
        string path = Write("residual", 11, [-1, 4, 8, 8], [-1, 5], nodes, inits);
        var m = OnnxImporter.Import(path);
        Assert.True(m.FoldedNodes >= 4, m.Describe());
        var x = Random(3 * 4 * 8 * 8, 4);
        AssertClose(Runtime(path, "x", [3, 4, 8, 8], x), Crossbar(m.Graph, x, 3));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(17)]
    public void Arithmetic_with_constants_leaky_relu_and_clip_match_onnx_runtime(int opset)
    {
        var nodes = new List<Onnx.NodeProto>
        {
            Node("Sub", "centre", ["x", "mean"], ["a"]),
            Node("Div", "scale", ["a", "std"], ["b"]),
            Node("Conv", "conv", ["b", "w"], ["c"], Ints("kernel_shape", 3, 3), Text("auto_pad", "SAME_UPPER")),
            Node("LeakyRelu", "leaky", ["c"], ["d"], Float("alpha", 0.1f)),
            Node("Clip", "relu6", ["d", "lo", "hi"], ["e"]),
            Node("Mul", "double", ["two", "e"], ["f"]),
            Node("GlobalAveragePool", "gap", ["f"], ["g"]),
            Node("Flatten", "flatten", ["g"], ["h"]),
            Node("Gemm", "fc", ["h", "fw"], ["i"]),
            Node("Sub", "flip", ["offset", "i"], ["s"]),
            Node("Softmax", "probabilities", ["s"], ["y"]),
        };
        var inits = new List<Onnx.TensorProto>
        {
            Tensor("mean", [1, 3, 1, 1], [0.4f, 0.5f, 0.6f]), Tensor("std", [], [0.25f]),
            Tensor("w", [5, 3, 3, 3], Random(135, 1, 0.4f)), Tensor("lo", [], [-0.5f]), Tensor("hi", [], [6f]),
            Tensor("two", [], [2f]), Tensor("fw", [5, 4], Random(20, 2)), Tensor("offset", [4], [1f, 2f, 3f, 4f]),
        };
        string path = Write("arith", opset, [-1, 3, 10, 10], [-1, 4], nodes, inits);
        var m = OnnxImporter.Import(path);
        Assert.Equal(4, m.Graph.Nodes.Count(n => n.Module is global::Crossbar.Modules.Layers.ChannelAffine));
        var x = Random(2 * 300, 5);
        AssertClose(Runtime(path, "x", [2, 3, 10, 10], x), Crossbar(m.Graph, x, 2));
    }

    [Theory]
    [InlineData(9)]
    [InlineData(13)]
    public void An_explicit_pad_before_a_conv_and_a_channel_concat_match_onnx_runtime(int opset)
    {
        long[] pads = [0, 0, 1, 1, 0, 0, 1, 1];
        var pad = opset >= 11
            ? Node("Pad", "pad", ["x", "pads"], ["px"])
            : Node("Pad", "pad", ["x"], ["px"], Ints("pads", pads), Text("mode", "constant"));
        var nodes = new List<Onnx.NodeProto>
        {
            pad,
            Node("Conv", "left", ["px", "w1"], ["a"], Ints("kernel_shape", 3, 3)),
            Node("Conv", "right", ["x", "w2", "b2"], ["b"], Ints("kernel_shape", 1, 1)),
            Node("Concat", "cat", ["a", "b"], ["c"], Int("axis", 1)),
            Node("Relu", "relu", ["c"], ["r"]),
            Node("GlobalAveragePool", "gap", ["r"], ["g"]),
            Node("Flatten", "flatten", ["g"], ["f"]),
            Node("Gemm", "fc", ["f", "fw", "fb"], ["y"], Int("transB", 1)),
        };
        var inits = new List<Onnx.TensorProto>
        {
            Tensor("w1", [4, 3, 3, 3], Random(108, 1, 0.4f)), Tensor("w2", [2, 3, 1, 1], Random(6, 2)), Tensor("b2", [2], Random(2, 3)),
            Tensor("fw", [3, 6], Random(18, 4)), Tensor("fb", [3], Random(3, 5)),
        };
        if (opset >= 11)
        {
            inits.Add(Int64s("pads", pads));
        }
        string path = Write("pad-concat", opset, [-1, 3, 9, 9], [-1, 3], nodes, inits);
        var m = OnnxImporter.Import(path);
        Assert.Contains(m.Graph.Nodes, n => n.Module is global::Crossbar.Modules.Layers.Concat);
        Assert.Contains(m.Graph.Nodes, n => n.Module is global::Crossbar.Modules.Layers.Conv2d { Padding: 1 });
        var x = Random(2 * 243, 6);
        AssertClose(Runtime(path, "x", [2, 3, 9, 9], x), Crossbar(m.Graph, x, 2));
    }

    [Fact]
    public void Unsupported_ops_are_named_with_node_op_and_opset()
    {
        string path = Write("transpose", 13, [-1, 4], [-1, 4], [Node("Transpose", "probabilities", ["x"], ["y"])], []);
        var e = Assert.Throws<CrossbarException>(() => OnnxImporter.Import(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("node 'probabilities' (Transpose, opset 13)", e.Message);
        Assert.Contains("supported ops: Conv, Gemm", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void Truncated_corrupt_and_out_of_range_files_are_refused_with_the_file_named()
    {
        var bytes = File.ReadAllBytes(MnistZoo());
        string dir = Path.Combine(Path.GetTempPath(), "crossbar-onnx-tests");
        Directory.CreateDirectory(dir);
        string truncated = Path.Combine(dir, "truncated.onnx");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<CrossbarException>(() => OnnxImporter.Import(truncated));
        Assert.StartsWith(truncated + ":", e.Message);
        string junk = Path.Combine(dir, "junk.onnx");
        File.WriteAllBytes(junk, Enumerable.Range(0, 500).Select(i => (byte)(i * 37 % 251)).ToArray());
        Assert.StartsWith(junk + ":", Assert.Throws<CrossbarException>(() => OnnxImporter.Import(junk)).Message);
        string old = Write("old", 6, [-1, 4], [-1, 4], [Node("Relu", "r", ["x"], ["y"])], []);
        Assert.Contains("opset 6", Assert.Throws<CrossbarException>(() => OnnxImporter.Import(old)).Message);
        string missing = Write("missing", 13, [-1, 4], [-1, 2], [Node("MatMul", "mm", ["x", "w"], ["y"])], []);
        Assert.Contains("input 'w'", Assert.Throws<CrossbarException>(() => OnnxImporter.Import(missing)).Message);
    }
}
