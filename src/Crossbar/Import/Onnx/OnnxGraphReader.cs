using Crossbar.Modules;
using Crossbar.Modules.Layers;
using Crossbar.Network.Activations;
using Onnx;

namespace Crossbar.Import.Onnx;

/// <summary>
/// Walks an ONNX graph's nodes (topologically sorted, as the format requires) and builds the Crossbar graph: each
/// tensor name is a constant, a module's output or an alias of one. Weights are copied after the graph is built (which
/// initialises every module).
/// </summary>
internal sealed class OnnxGraphReader(string path, GraphProto proto, int opset)
{
    private readonly Dictionary<string, OnnxConstant> _constants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _uses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _opCounts = new(StringComparer.Ordinal);
    private readonly HashSet<NodeProto> _absorbed = [];
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly List<Action> _weights = [];
    private readonly Dictionary<string, int> _padding = new(StringComparer.Ordinal);   // a zero Pad's output → its width, folded into the Conv that reads it
    private GraphBuilder _b = null!;
    private int _folded;

    public ImportedModel Build()
    {
        foreach (var t in proto.Initializer)
        {
            _constants[t.Name] = OnnxImporter.ReadTensor(t, path);
        }
        foreach (var n in proto.Node)
        {
            foreach (var i in n.Input.Where(i => i.Length > 0))
            {
                _uses[i] = _uses.GetValueOrDefault(i) + 1;
            }
        }
        var inputs = proto.Input.Where(i => !_constants.ContainsKey(i.Name)).ToList();
        if (inputs.Count != 1)
        {
            throw new CrossbarException($"{path}: the graph has {inputs.Count} inputs that are not initializers ({string.Join(", ", inputs.Select(i => i.Name))}); Crossbar imports networks with one input");
        }
        var input = inputs[0];
        _b = new GraphBuilder(InputShape(input));
        _values[input.Name] = GraphBuilder.Input;
        foreach (var node in proto.Node)
        {
            if (!_absorbed.Contains(node))
            {
                Convert(node);
            }
        }
        if (proto.Output.Count != 1)
        {
            throw new CrossbarException($"{path}: the graph has {proto.Output.Count} outputs; Crossbar imports networks with one output");
        }
        string output = proto.Output[0].Name;
        if (!_values.TryGetValue(output, out int last) || last != _b.Last || last < 0)
        {
            throw new CrossbarException($"{path}: output '{output}' is not computed by the last node of the graph (or is a constant); Crossbar needs the output to be the last module");
        }
        var graph = _b.Build(1);
        foreach (var assign in _weights)
        {
            assign();
        }
        return new ImportedModel(graph, input.Name, output, opset, _folded, _opCounts);
    }

    private Shape InputShape(ValueInfoProto input)
    {
        var dims = input.Type?.TensorType?.Shape?.Dim;
        if (dims is null || dims.Count is not (2 or 4))
        {
            throw new CrossbarException($"{path}: input '{input.Name}' needs a shape [N, C, H, W] or [N, F] (it has {(dims is null ? "none" : $"{dims.Count} dimensions")})");
        }
        var sizes = dims.Skip(1).Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? d.DimValue : -1).ToArray();
        if (sizes.Any(s => s <= 0 || s > 1 << 20))
        {
            throw new CrossbarException($"{path}: input '{input.Name}' has a dimension that is not a fixed positive size ([{string.Join(", ", dims.Select(d => d.ValueCase == TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue ? d.DimValue.ToString(System.Globalization.CultureInfo.InvariantCulture) : d.DimParam))}]); only the batch may be symbolic");
        }
        return sizes.Length == 1 ? Shape.Flat((int)sizes[0]) : new Shape((int)sizes[0], (int)sizes[1], (int)sizes[2]);
    }

    private CrossbarException Error(NodeProto n, string problem) =>
        new($"{path}: node '{n.Name}' ({n.OpType}, opset {opset}): {problem}");

    private CrossbarException Unsupported(NodeProto n, string why) =>
        Error(n, $"{why}; supported ops: {string.Join(", ", OnnxImporter.SupportedOps)}");

    private void Count(NodeProto n) => _opCounts[n.OpType] = _opCounts.GetValueOrDefault(n.OpType) + 1;

    private bool IsConstant(string name) => _constants.ContainsKey(name);

    private OnnxConstant Constant(NodeProto n, int input)
    {
        if (input >= n.Input.Count || !_constants.TryGetValue(n.Input[input], out var c))
        {
            throw Unsupported(n, input >= n.Input.Count ? $"input {input} is missing" : $"input '{n.Input[input]}' must be a constant (an initializer or folded at import); a computed one is not supported");
        }
        return c;
    }

    private int Value(NodeProto n, int input)
    {
        if (input >= n.Input.Count || !_values.TryGetValue(n.Input[input], out int v))
        {
            throw Error(n, input >= n.Input.Count ? $"input {input} is missing" : $"input '{n.Input[input]}' is not produced by any earlier node, initializer or graph input");
        }
        return v;
    }

    private static AttributeProto? Attr(NodeProto n, string name) => n.Attribute.FirstOrDefault(a => a.Name == name);

    private static long Int(NodeProto n, string name, long fallback) => Attr(n, name) is { } a ? a.I : fallback;

    private static float Float(NodeProto n, string name, float fallback) => Attr(n, name) is { } a ? a.F : fallback;

    private static long[]? Ints(NodeProto n, string name) => Attr(n, name) is { } a ? [.. a.Ints] : null;

    private static string Text(NodeProto n, string name, string fallback) => Attr(n, name) is { } a ? a.S.ToStringUtf8() : fallback;

    private string ModuleName(NodeProto n)
    {
        string baseName = n.Name.Length > 0 ? n.Name : $"{n.OpType.ToLowerInvariant()}{_b.Last + 1}";
        string name = baseName;
        for (int k = 2; !_names.Add(name); k++)
        {
            name = $"{baseName}_{k}";
        }
        return name;
    }

    private void Add(NodeProto n, Module module, string output, params int[] inputs)
    {
        try
        {
            _values[output] = _b.Add(ModuleName(n), module, inputs);
        }
        catch (Exception e) when (e is ArgumentException or ShapeException)
        {
            throw Error(n, e.Message);
        }
        Count(n);
    }

    private void Alias(NodeProto n, int value)
    {
        _values[n.Output[0]] = value;
        Count(n);
    }

    private void Convert(NodeProto n)
    {
        if (n.Domain is not ("" or "ai.onnx"))
        {
            throw Unsupported(n, $"domain '{n.Domain}' is not the standard ONNX domain");
        }
        if (n.OpType == "Constant")
        {
            var value = Attr(n, "value") ?? throw Unsupported(n, "only a Constant with a tensor 'value' is supported");
            _constants[n.Output[0]] = OnnxImporter.ReadTensor(value.T, path);
            _folded++;
            Count(n);
            return;
        }
        if (n.OpType == "Shape" && _values.TryGetValue(n.Input[0], out int shaped))
        {
            var s = _b.ShapeOf(shaped);
            long[] dims = s.IsFlat ? [1, s.Channels] : [1, s.Channels, s.Height, s.Width];
            _constants[n.Output[0]] = new OnnxConstant(dims.Select(d => (double)d).ToArray(), [dims.Length]);
            _folded++;
            Count(n);
            return;
        }
        var data = n.Input.Where(i => i.Length > 0).ToList();
        if (data.Count > 0 && data.All(IsConstant))
        {
            _constants[n.Output[0]] = OnnxFolding.Fold(n, data.Select(d => _constants[d]).ToList(), opset, p => Error(n, p));
            _folded++;
            Count(n);
            return;
        }
        switch (n.OpType)
        {
            case "Conv":
                Conv(n);
                break;
            case "MatMul":
            case "Gemm":
                Dense(n);
                break;
            case "Add":
            case "Sub":
            case "Mul":
            case "Div":
                AddNode(n);
                break;
            case "LeakyRelu":
                Add(n, Clip.Leaky(Float(n, "alpha", 0.01f)), n.Output[0], Value(n, 0));
                break;
            case "Clip":
                {
                    float low = opset >= 11 ? (n.Input.Count > 1 && n.Input[1].Length > 0 ? (float)Constant(n, 1).Values[0] : float.NegativeInfinity) : Float(n, "min", float.NegativeInfinity);
                    float high = opset >= 11 ? (n.Input.Count > 2 && n.Input[2].Length > 0 ? (float)Constant(n, 2).Values[0] : float.PositiveInfinity) : Float(n, "max", float.PositiveInfinity);
                    Add(n, Clip.Range(low, high), n.Output[0], Value(n, 0));
                    break;
                }
            case "BatchNormalization":
                BatchNormNode(n);
                break;
            case "Relu":
                Add(n, new Relu(), n.Output[0], Value(n, 0));
                break;
            case "Sigmoid":
                Add(n, new ActivationLayer(new SigmoidActivation(1f), "sigmoid"), n.Output[0], Value(n, 0));
                break;
            case "Tanh":
                Add(n, new ActivationLayer(new TanhActivation(1f, 0f, 1f), "tanh"), n.Output[0], Value(n, 0));
                break;
            case "MaxPool":
            case "AveragePool":
                Pool(n);
                break;
            case "GlobalAveragePool":
                Add(n, new GlobalAvgPool(), n.Output[0], Value(n, 0));
                break;
            case "Flatten":
            case "Reshape":
                FlattenNode(n);
                break;
            case "Pad":
                PadNode(n);
                break;
            case "Softmax":
                {
                    int x = Value(n, 0);
                    long axis = Int(n, "axis", opset >= 13 ? -1 : 1);
                    if (!_b.ShapeOf(x).IsFlat || axis is not (1 or -1))
                    {
                        throw Unsupported(n, $"Softmax at axis {axis} of a {_b.ShapeOf(x)} tensor; only over the features of [N, F] is supported");
                    }
                    Add(n, new Softmax(), n.Output[0], x);
                    break;
                }
            case "Slice":
                SliceNode(n);
                break;
            case "Concat":
                {
                    long axis = Int(n, "axis", 1);
                    var parts = n.Input.Select((_, i) => Value(n, i)).ToArray();
                    int rank = _b.ShapeOf(parts[0]).IsFlat ? 2 : 4;
                    if (axis != 1 && axis != 1 - rank)
                    {
                        throw Unsupported(n, $"axis = {axis}; only concatenation along the channels (axis 1) is supported");
                    }
                    if (parts.Length == 1)
                    {
                        Alias(n, parts[0]);
                        break;
                    }
                    Add(n, new Concat(parts.Length), n.Output[0], parts);
                    break;
                }
            case "Identity":
            case "Dropout":
                if (n.OpType == "Dropout" && n.Output.Count > 1 && n.Output[1].Length > 0 && _uses.ContainsKey(n.Output[1]))
                {
                    throw Unsupported(n, "its mask output is used");
                }
                Alias(n, Value(n, 0));
                break;
            default:
                throw Unsupported(n, "this op is not supported");
        }
    }

    /// <summary>The constant bias of the Add that is the only consumer of <paramref name="output"/>, if there is one.</summary>
    private float[]? FollowingBias(string output, int channels, bool conv)
    {
        if (_uses.GetValueOrDefault(output) != 1)
        {
            return null;
        }
        var add = proto.Node.FirstOrDefault(x => x.OpType == "Add" && x.Input.Contains(output));
        if (add is null || add.Input.Count != 2)
        {
            return null;
        }
        string other = add.Input[0] == output ? add.Input[1] : add.Input[0];
        if (!_constants.TryGetValue(other, out var c) || PerChannel(c, channels, conv) is not { } bias)
        {
            return null;
        }
        _absorbed.Add(add);
        Count(add);
        _folded++;
        _pendingAlias = add.Output[0];
        return bias;
    }

    private string? _pendingAlias;

    private void Conv(NodeProto n)
    {
        int x = Value(n, 0);
        var w = Constant(n, 1);
        if (w.Dims.Length != 4)
        {
            throw Unsupported(n, $"weight of shape {w.DimsText}; only 2-D convolutions (4-D weights) are supported");
        }
        var inShape = _b.ShapeOf(x);
        int outC = (int)w.Dims[0], inC = (int)w.Dims[1], kh = (int)w.Dims[2], kw = (int)w.Dims[3];
        if (Int(n, "group", 1) != 1)
        {
            throw Unsupported(n, $"group = {Int(n, "group", 1)}; only group 1 is supported");
        }
        if (Ints(n, "dilations") is { } dil && dil.Any(d => d != 1))
        {
            throw Unsupported(n, $"dilations [{string.Join(", ", dil)}]; only 1 is supported");
        }
        if (kh != kw)
        {
            throw Unsupported(n, $"kernel {kh}×{kw}; only square kernels are supported");
        }
        var strides = Ints(n, "strides") ?? [1, 1];
        if (strides.Length != 2 || strides[0] != strides[1])
        {
            throw Unsupported(n, $"strides [{string.Join(", ", strides)}]; only equal strides are supported");
        }
        int pad = Padding(n, kh, (int)strides[0], inShape.Height) + _padding.GetValueOrDefault(n.Input[0]);
        float[]? bias = n.Input.Count > 2 && n.Input[2].Length > 0 ? Constant(n, 2).Floats() : FollowingBias(n.Output[0], outC, conv: true);
        string output = _pendingAlias ?? n.Output[0];
        _pendingAlias = null;
        var conv = new Conv2d(inC, outC, kh, (int)strides[0], pad, bias: bias is not null);
        Add(n, conv, output, x);
        if (output != n.Output[0])
        {
            _values[n.Output[0]] = _values[output];
        }
        var weights = w.Floats();
        _weights.Add(() =>
        {
            weights.CopyTo(conv.Weight.Value, 0);
            bias?.CopyTo(conv.Bias!.Value, 0);
        });
    }

    /// <summary>Symmetric padding from pads or auto_pad (SAME for odd kernels at stride 1; VALID = 0).</summary>
    private int Padding(NodeProto n, int kernel, int stride, int size)
    {
        string auto = Text(n, "auto_pad", "NOTSET");
        switch (auto)
        {
            case "NOTSET":
                var pads = Ints(n, "pads") ?? [0, 0, 0, 0];
                if (pads.Length != 4 || pads.Distinct().Count() != 1)
                {
                    throw Unsupported(n, $"pads [{string.Join(", ", pads)}]; only the same padding on every side is supported");
                }
                return (int)pads[0];
            case "VALID":
                return 0;
            case "SAME_UPPER":
            case "SAME_LOWER":
                if (kernel % 2 == 1 && (stride == 1 || size % stride == 0 && (kernel - 1) / 2 * 2 == kernel - 1))
                {
                    return (kernel - 1) / 2;
                }
                throw Unsupported(n, $"auto_pad {auto} with kernel {kernel} and stride {stride} pads unevenly");
            default:
                throw Unsupported(n, $"auto_pad '{auto}'");
        }
    }

    private void Dense(NodeProto n)
    {
        int x = Value(n, 0);
        var w = Constant(n, 1);
        if (w.Dims.Length != 2)
        {
            throw Unsupported(n, $"weight of shape {w.DimsText}; only a 2-D constant weight is supported");
        }
        bool gemm = n.OpType == "Gemm";
        if (gemm && Int(n, "transA", 0) != 0)
        {
            throw Unsupported(n, "transA = 1");
        }
        bool transB = gemm && Int(n, "transB", 0) != 0;
        float alpha = gemm ? Float(n, "alpha", 1f) : 1f, beta = gemm ? Float(n, "beta", 1f) : 1f;
        int inF = (int)(transB ? w.Dims[1] : w.Dims[0]), outF = (int)(transB ? w.Dims[0] : w.Dims[1]);
        int have = _b.ShapeOf(x).Size;
        if (have != inF)
        {
            throw Error(n, $"input '{n.Input[0]}' has {have} features per example but the weight {w.DimsText} takes {inF}");
        }
        float[]? bias = null;
        if (gemm && n.Input.Count > 2 && n.Input[2].Length > 0)
        {
            var c = Constant(n, 2);
            if (c.Count != outF && c.Count != 1)
            {
                throw Unsupported(n, $"bias C of shape {c.DimsText}; it must hold {outF} values (or one)");
            }
            bias = c.Count == 1 ? Enumerable.Repeat((float)c.Values[0] * beta, outF).ToArray() : c.Floats().Select(v => v * beta).ToArray();
        }
        else
        {
            bias = FollowingBias(n.Output[0], outF, conv: false);
        }
        string output = _pendingAlias ?? n.Output[0];
        _pendingAlias = null;
        var linear = new Linear(inF, outF, bias is not null);
        Add(n, linear, output, x);
        if (output != n.Output[0])
        {
            _values[n.Output[0]] = _values[output];
        }
        var values = w.Floats();
        _weights.Add(() =>
        {
            // Crossbar's Linear weight is [out, in]; ONNX B is [in, out] (transposed by transB).
            var dst = linear.Weight.Value;
            for (int o = 0; o < outF; o++)
            {
                for (int i = 0; i < inF; i++)
                {
                    dst[o * inF + i] = alpha * (transB ? values[o * inF + i] : values[i * outF + o]);
                }
            }
            bias?.CopyTo(linear.Bias!.Value, 0);
        });
    }

    /// <summary>
    /// A constant's values per channel of a value with <paramref name="channels"/> channels under ONNX broadcasting:
    /// a scalar (repeated), [C, 1, 1] (with any leading ones) for an image, [F] for flat features; null otherwise.
    /// </summary>
    private static float[]? PerChannel(OnnxConstant c, int channels, bool image)
    {
        if (c.Count == 1)
        {
            return Enumerable.Repeat((float)c.Values[0], channels).ToArray();
        }
        var dims = c.Dims.SkipWhile(d => d == 1).ToArray();
        bool ok = image ? dims.Length == 3 && dims[0] == channels && dims[1] == 1 && dims[2] == 1 : dims.Length == 1 && dims[0] == channels;
        return ok ? c.Floats() : null;
    }

    private void AddNode(NodeProto n)
    {
        if (n.Input.Count != 2)
        {
            throw Error(n, "needs two inputs");
        }
        if (IsConstant(n.Input[0]) || IsConstant(n.Input[1]))
        {
            Arithmetic(n);
            return;
        }
        if (n.OpType != "Add")
        {
            throw Unsupported(n, $"{n.OpType} of two computed tensors");
        }
        Add(n, new Add(), n.Output[0], Value(n, 0), Value(n, 1));
    }

    /// <summary>Add, Sub, Mul or Div of a computed tensor and a scalar or per-channel constant, as a <see cref="ChannelAffine"/>.</summary>
    private void Arithmetic(NodeProto n)
    {
        bool constantFirst = IsConstant(n.Input[0]);
        int x = Value(n, constantFirst ? 1 : 0);
        var c = Constant(n, constantFirst ? 0 : 1);
        var shape = _b.ShapeOf(x);
        var k = PerChannel(c, shape.Channels, !shape.IsFlat)
            ?? throw Unsupported(n, $"{n.OpType} with a constant of shape {c.DimsText} on a {shape} tensor; only a scalar or one value per channel ([C, 1, 1]; [F] for features) is supported");
        int m = k.Length;
        float[] scale = new float[m], shift = new float[m];
        for (int i = 0; i < m; i++)
        {
            (scale[i], shift[i]) = (n.OpType, constantFirst) switch
            {
                ("Add", _) => (1f, k[i]),
                ("Sub", false) => (1f, -k[i]),
                ("Sub", true) => (-1f, k[i]),
                ("Mul", _) => (k[i], 0f),
                ("Div", false) => (1f / k[i], 0f),
                _ => throw Unsupported(n, "dividing a constant by a computed tensor"),
            };
        }
        Add(n, new ChannelAffine(scale, shift), n.Output[0], x);
    }

    private void BatchNormNode(NodeProto n)
    {
        int x = Value(n, 0);
        var scale = Constant(n, 1).Floats();
        var shift = Constant(n, 2).Floats();
        var mean = Constant(n, 3).Floats();
        var variance = Constant(n, 4).Floats();
        int channels = _b.ShapeOf(x).Channels;
        if (new[] { scale, shift, mean, variance }.Any(a => a.Length != channels))
        {
            throw Error(n, $"scale, B, mean and var must hold one value per channel ({channels})");
        }
        var bn = new BatchNorm(channels, Float(n, "epsilon", 1e-5f));
        Add(n, bn, n.Output[0], x);
        _weights.Add(() =>
        {
            scale.CopyTo(bn.Gamma.Value, 0);
            shift.CopyTo(bn.Beta.Value, 0);
            mean.CopyTo(bn.RunningMean, 0);
            variance.CopyTo(bn.RunningVar, 0);
        });
    }

    private void Pool(NodeProto n)
    {
        int x = Value(n, 0);
        var kernel = Ints(n, "kernel_shape") ?? throw Error(n, "no kernel_shape");
        if (kernel.Length != 2 || kernel[0] != kernel[1])
        {
            throw Unsupported(n, $"kernel [{string.Join(", ", kernel)}]; only square 2-D pooling is supported");
        }
        var strides = Ints(n, "strides") ?? [1, 1];
        if (strides.Length != 2 || strides[0] != strides[1])
        {
            throw Unsupported(n, $"strides [{string.Join(", ", strides)}]");
        }
        if (Int(n, "ceil_mode", 0) != 0)
        {
            throw Unsupported(n, "ceil_mode = 1");
        }
        if (Ints(n, "dilations") is { } dil && dil.Any(d => d != 1))
        {
            throw Unsupported(n, $"dilations [{string.Join(", ", dil)}]");
        }
        bool max = n.OpType == "MaxPool";
        int pad = Padding(n, (int)kernel[0], (int)strides[0], _b.ShapeOf(x).Height);
        if (pad > 0 && max)
        {
            throw Unsupported(n, "MaxPool with padding (it pads with −∞; Crossbar's pooling pads with zeros)");
        }
        if (pad > 0 && !max && Int(n, "count_include_pad", 0) == 0)
        {
            throw Unsupported(n, "AveragePool with padding and count_include_pad = 0 (Crossbar counts the padding)");
        }
        if (max && n.Output.Count > 1 && n.Output[1].Length > 0)
        {
            throw Unsupported(n, "MaxPool's Indices output");
        }
        Add(n, new Pool2d(max, (int)kernel[0], (int)strides[0], pad), n.Output[0], x);
    }

    /// <summary>
    /// A zero, constant-mode Pad of the same width on every spatial side, read only by convolutions: folded into their
    /// padding (what exporters emit for PyTorch's explicit padding). Anything else is refused.
    /// </summary>
    private void PadNode(NodeProto n)
    {
        int x = Value(n, 0);
        if (Text(n, "mode", "constant") != "constant")
        {
            throw Unsupported(n, $"mode '{Text(n, "mode", "constant")}'; only constant (zero) padding is supported");
        }
        long[] pads = opset >= 11 ? Constant(n, 1).Longs() : Ints(n, "pads") ?? throw Error(n, "no pads");
        float value = opset >= 11 ? (n.Input.Count > 2 && n.Input[2].Length > 0 ? (float)Constant(n, 2).Values[0] : 0f) : Float(n, "value", 0f);
        if (value != 0f)
        {
            throw Unsupported(n, $"constant value {value}; only zero padding is supported");
        }
        if (pads.Length != 8 || pads[0] != 0 || pads[1] != 0 || pads[4] != 0 || pads[5] != 0 || new[] { pads[2], pads[3], pads[6], pads[7] }.Distinct().Count() != 1)
        {
            throw Unsupported(n, $"pads [{string.Join(", ", pads)}]; only the same zero padding on every side of H and W is supported");
        }
        var readers = proto.Node.Where(r => r.Input.Contains(n.Output[0])).ToList();
        if (readers.Count == 0 || readers.Any(r => r.OpType != "Conv" || r.Input[0] != n.Output[0]))
        {
            throw Unsupported(n, "a Pad that is not read only by convolutions (as their input)");
        }
        _padding[n.Output[0]] = (int)pads[2];
        Alias(n, x);
    }

    /// <summary>
    /// Slice (opset ≥ 10: starts, ends, axes, steps as inputs) taking every s-th row and column from the start, read only
    /// by a Pad that adds zero channels equally on both sides: the CIFAR ResNets' option-A shortcut (as Crossbar exports
    /// it). A Slice that keeps everything is the identity. Anything else is refused.
    /// </summary>
    private void SliceNode(NodeProto n)
    {
        int x = Value(n, 0);
        if (opset < 10 || n.Input.Count < 5)
        {
            throw Unsupported(n, "only Slice with starts, ends, axes and steps inputs (opset ≥ 10) is supported");
        }
        long[] starts = Constant(n, 1).Longs(), axes = Constant(n, 3).Longs(), steps = Constant(n, 4).Longs();
        var shape = _b.ShapeOf(x);
        bool spatial = !shape.IsFlat && axes.Length == 2 && axes.Order().SequenceEqual([2L, 3L]) && starts.All(v => v == 0)
            && Constant(n, 2).Longs().All(e => e >= Math.Max(shape.Height, shape.Width)) && steps.Length == 2 && steps[0] == steps[1] && steps[0] >= 1;
        if (!spatial)
        {
            throw Unsupported(n, "a Slice other than every s-th row and column of an image (the ResNet option-A shortcut)");
        }
        int stride = (int)steps[0];
        var readers = proto.Node.Where(r => r.Input.Contains(n.Output[0])).ToList();
        if (readers is [{ OpType: "Pad" } pad] && opset >= 11 && pad.Input.Count >= 2 && IsConstant(pad.Input[1]))
        {
            long[] p = _constants[pad.Input[1]].Longs();
            float value = pad.Input.Count > 2 && pad.Input[2].Length > 0 ? (float)Constant(pad, 2).Values[0] : 0f;
            if (p.Length == 8 && p[1] == p[5] && p[1] >= 0 && p.Where((_, i) => i != 1 && i != 5).All(v => v == 0) && value == 0f
                && Text(pad, "mode", "constant") == "constant")
            {
                _absorbed.Add(pad);
                Count(n);
                Add(pad, new ShortcutA(shape.Channels + 2 * (int)p[1], stride), pad.Output[0], x);
                return;
            }
        }
        if (stride == 1)
        {
            Alias(n, x);
            return;
        }
        throw Unsupported(n, "a strided Slice that is not followed by a channel Pad (the ResNet option-A shortcut)");
    }

    private void FlattenNode(NodeProto n)
    {
        int x = Value(n, 0);
        var s = _b.ShapeOf(x);
        if (n.OpType == "Flatten")
        {
            if (Int(n, "axis", 1) != 1)
            {
                throw Unsupported(n, $"axis = {Int(n, "axis", 1)}; only Flatten at axis 1 (keep the batch) is supported");
            }
        }
        else
        {
            var target = Constant(n, 1).Longs();
            long[] current = s.IsFlat ? [1, s.Channels] : [1, s.Channels, s.Height, s.Width];
            var resolved = OnnxFolding.ResolveReshape(current, target, p => Error(n, p));
            if (resolved.SequenceEqual(current))
            {
                Alias(n, x);
                return;
            }
            if (resolved.Length != 2 || resolved[1] != s.Size)
            {
                throw Unsupported(n, $"reshape of {s} to [{string.Join(", ", target)}]; only flattening to [N, {s.Size}] is supported");
            }
        }
        if (s.IsFlat)
        {
            Alias(n, x);
            return;
        }
        Add(n, new Flatten(), n.Output[0], x);
    }
}
