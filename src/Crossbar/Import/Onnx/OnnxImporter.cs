using System.Buffers.Binary;
using Crossbar.Modules;
using Crossbar.Modules.Layers;
using Google.Protobuf;
using Onnx;

namespace Crossbar.Import.Onnx;

/// <summary>
/// Reads an ONNX model (protobuf, parsed with OnnxSharp's generated classes over Google.Protobuf) into a Crossbar
/// <see cref="Graph"/>: initializers and Constant nodes become constants, computations on constants alone (the
/// Shape/Gather/Unsqueeze/Concat chains exporters put before a Reshape, reshapes of weights) are folded at import, and
/// every other node becomes a module. A bias added right after a Conv, MatMul or Gemm joins that layer, so the analog
/// mapping sees one layer with a digital bias, as the exporter's source had. Anything else is refused with a one-line
/// error naming the file, the node (name, op type, opset) and the supported ops; nothing is half-built.
/// </summary>
public static class OnnxImporter
{
    public const int MinOpset = 7;
    public const int MaxOpset = 21;

    /// <summary>Ops that become modules or fold away.</summary>
    public static IReadOnlyList<string> SupportedOps { get; } =
    [
        "Conv", "Gemm", "MatMul", "Add", "Sub", "Mul", "Div", "BatchNormalization", "Relu", "LeakyRelu", "Sigmoid", "Tanh", "Clip", "Softmax", "MaxPool", "AveragePool",
        "GlobalAveragePool", "Flatten", "Reshape", "Pad", "Slice", "Concat", "Identity", "Dropout", "Constant",
        "Shape", "Gather", "Unsqueeze", "Squeeze", "Cast",
    ];

    public static ImportedModel Import(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CrossbarException($"{path}: cannot read ({e.Message})", e);
        }
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new CrossbarException($"{path}: not an ONNX model, or a truncated one (protobuf: {e.Message})", e);
        }
        if (model.Graph is null || model.Graph.Node.Count == 0)
        {
            throw new CrossbarException($"{path}: not an ONNX model (no graph with nodes)");
        }
        var opsetEntry = model.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx");
        int opset = opsetEntry is null ? 1 : (int)opsetEntry.Version;
        if (opset < MinOpset || opset > MaxOpset)
        {
            throw new CrossbarException($"{path}: opset {opset}; Crossbar imports opsets {MinOpset} to {MaxOpset}");
        }
        return new OnnxGraphReader(path, model.Graph, opset).Build();
    }

    /// <summary>Tensor values of an initializer or a Constant's value (float, double, int32, int64; raw or typed fields).</summary>
    internal static OnnxConstant ReadTensor(TensorProto t, string where)
    {
        long[] dims = [.. t.Dims];
        long count = dims.Aggregate(1L, (a, b) => a * b);
        if (count > int.MaxValue / 8)
        {
            throw new CrossbarException($"{where}: tensor '{t.Name}' has {count} elements, more than Crossbar reads");
        }
        var type = (TensorProto.Types.DataType)t.DataType;
        var raw = t.RawData.Span;
        double[] v = new double[count];
        switch (type)
        {
            case TensorProto.Types.DataType.Float:
                if (raw.Length > 0)
                {
                    Check(raw.Length, count * 4);
                    for (int i = 0; i < count; i++)
                    {
                        v[i] = BinaryPrimitives.ReadSingleLittleEndian(raw[(i * 4)..]);
                    }
                }
                else
                {
                    Check(t.FloatData.Count, count);
                    for (int i = 0; i < count; i++)
                    {
                        v[i] = t.FloatData[i];
                    }
                }
                break;
            case TensorProto.Types.DataType.Double:
                if (raw.Length > 0)
                {
                    Check(raw.Length, count * 8);
                    for (int i = 0; i < count; i++)
                    {
                        v[i] = BinaryPrimitives.ReadDoubleLittleEndian(raw[(i * 8)..]);
                    }
                }
                else
                {
                    Check(t.DoubleData.Count, count);
                    for (int i = 0; i < count; i++)
                    {
                        v[i] = t.DoubleData[i];
                    }
                }
                break;
            case TensorProto.Types.DataType.Int64:
                if (raw.Length > 0)
                {
                    Check(raw.Length, count * 8);
                    for (int i = 0; i < count; i++)
                    {
                        v[i] = BinaryPrimitives.ReadInt64LittleEndian(raw[(i * 8)..]);
                    }
                }
                else
                {
                    Check(t.Int64Data.Count, count);
                    for (int i = 0; i < count; i++)
                    {
                        v[i] = t.Int64Data[i];
                    }
                }
                break;
            case TensorProto.Types.DataType.Int32:
                if (raw.Length > 0)
                {
                    Check(raw.Length, count * 4);
                    for (int i = 0; i < count; i++)
                    {
                        v[i] = BinaryPrimitives.ReadInt32LittleEndian(raw[(i * 4)..]);
                    }
                }
                else
                {
                    Check(t.Int32Data.Count, count);
                    for (int i = 0; i < count; i++)
                    {
                        v[i] = t.Int32Data[i];
                    }
                }
                break;
            default:
                throw new CrossbarException($"{where}: tensor '{t.Name}' has data type {type}; Crossbar reads float, double, int32 and int64 tensors");
        }
        return new OnnxConstant(v, dims);

        void Check(long have, long need)
        {
            if (have != need)
            {
                throw new CrossbarException($"{where}: tensor '{t.Name}' of shape [{string.Join(", ", dims)}] holds {have} values or bytes, not {need} (truncated or corrupt)");
            }
        }
    }
}
