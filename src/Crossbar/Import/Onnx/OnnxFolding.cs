using Onnx;

namespace Crossbar.Import.Onnx;

/// <summary>
/// Evaluates, at import, nodes whose inputs are all constants: the shape arithmetic exporters emit before a Reshape
/// (Shape → Gather → Unsqueeze → Concat), reshapes and casts of weights, and element-wise arithmetic on constants.
/// </summary>
internal static class OnnxFolding
{
    public static OnnxConstant Fold(NodeProto n, IReadOnlyList<OnnxConstant> inputs, int opset, Func<string, Exception> error)
    {
        var a = inputs[0];
        switch (n.OpType)
        {
            case "Identity":
            case "Dropout":
            case "Cast":
                return a;
            case "Reshape":
                return a with { Dims = ResolveReshape(a.Dims, inputs[1].Longs(), error) };
            case "Flatten":
                {
                    int axis = (int)Axis(n, "axis", 1, a.Dims.Length);
                    long outer = a.Dims.Take(axis).Aggregate(1L, (x, y) => x * y);
                    return a with { Dims = [outer, a.Count / Math.Max(outer, 1)] };
                }
            case "Unsqueeze":
                {
                    var axes = opset >= 13 ? inputs[1].Longs() : Ints(n, "axes") ?? throw error("Unsqueeze needs axes");
                    var dims = a.Dims.ToList();
                    int rank = dims.Count + axes.Length;
                    foreach (long ax in axes.Select(x => x < 0 ? x + rank : x).Order())
                    {
                        dims.Insert((int)ax, 1);
                    }
                    return a with { Dims = [.. dims] };
                }
            case "Squeeze":
                {
                    long[]? axes = opset >= 13 ? (inputs.Count > 1 ? inputs[1].Longs() : null) : Ints(n, "axes");
                    var set = axes?.Select(x => x < 0 ? x + a.Dims.Length : x).ToHashSet();
                    return a with { Dims = a.Dims.Where((d, i) => !(d == 1 && (set is null || set.Contains(i)))).ToArray() };
                }
            case "Concat":
                {
                    if (inputs.Any(i => i.Dims.Length > 1))
                    {
                        throw error("folding Concat of constants is supported for 1-D tensors (shape vectors) only");
                    }
                    var values = inputs.SelectMany(i => i.Values).ToArray();
                    return new OnnxConstant(values, [values.Length]);
                }
            case "Gather":
                {
                    if (a.Dims.Length != 1 || Int(n, "axis", 0) != 0)
                    {
                        throw error("folding Gather is supported on 1-D constants along axis 0 only");
                    }
                    var idx = inputs[1];
                    var values = idx.Longs().Select(i => a.Values[(int)(i < 0 ? i + a.Values.Length : i)]).ToArray();
                    return new OnnxConstant(values, idx.Dims);
                }
            case "Add":
            case "Sub":
            case "Mul":
            case "Div":
                {
                    var b = inputs[1];
                    if (b.Count != 1 && a.Count != 1 && !a.Dims.SequenceEqual(b.Dims))
                    {
                        throw error($"folding {n.OpType} of constants {a.DimsText} and {b.DimsText}: only equal shapes or a scalar are supported");
                    }
                    var shape = a.Count >= b.Count ? a.Dims : b.Dims;
                    long count = Math.Max(a.Count, b.Count);
                    var v = new double[count];
                    for (long i = 0; i < count; i++)
                    {
                        double x = a.Values[a.Count == 1 ? 0 : i], y = b.Values[b.Count == 1 ? 0 : i];
                        v[i] = n.OpType switch { "Add" => x + y, "Sub" => x - y, "Mul" => x * y, _ => x / y };
                    }
                    return new OnnxConstant(v, shape);
                }
            default:
                throw error("this op on constants cannot be folded at import");
        }
    }

    /// <summary>ONNX Reshape semantics: 0 copies the input's dimension, one −1 takes what is left.</summary>
    public static long[] ResolveReshape(long[] current, long[] target, Func<string, Exception> error)
    {
        long count = current.Aggregate(1L, (x, y) => x * y);
        var dims = target.Select((d, i) => d == 0 && i < current.Length ? current[i] : d).ToArray();
        int free = Array.IndexOf(dims, -1L);
        if (dims.Count(d => d == -1) > 1 || dims.Any(d => d < -1))
        {
            throw error($"reshape target [{string.Join(", ", target)}] is not valid");
        }
        long known = dims.Where(d => d != -1).Aggregate(1L, (x, y) => x * y);
        if (free >= 0)
        {
            if (known == 0 || count % known != 0)
            {
                throw error($"cannot reshape [{string.Join(", ", current)}] to [{string.Join(", ", target)}]");
            }
            dims[free] = count / known;
        }
        else if (known != count)
        {
            throw error($"cannot reshape [{string.Join(", ", current)}] ({count} values) to [{string.Join(", ", target)}]");
        }
        return dims;
    }

    private static long Int(NodeProto n, string name, long fallback) => n.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.I : fallback;

    private static long Axis(NodeProto n, string name, long fallback, int rank)
    {
        long axis = Int(n, name, fallback);
        return axis < 0 ? axis + rank : axis;
    }

    private static long[]? Ints(NodeProto n, string name) => n.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? [.. a.Ints] : null;
}
