namespace Crossbar.Modules.Layers;

/// <summary>
/// y = scale[c]·x + shift[c] per channel (or per feature of a flat input): the arithmetic with constants that imported
/// networks carry (ONNX Add, Sub, Mul and Div by a scalar or a per-channel constant, e.g. input scaling). The factors
/// are buffers, saved with the model; the backward pass is dx = scale[c]·dy.
/// </summary>
public sealed class ChannelAffine : Module
{
    private readonly float[] _scale;
    private readonly float[] _shift;

    public ChannelAffine(float[] scale, float[] shift)
    {
        if (scale.Length != shift.Length || scale.Length == 0)
        {
            throw new ArgumentException("scale and shift need the same, non-zero length");
        }
        _scale = scale;
        _shift = shift;
    }

    public override string Kind => "channel_affine";

    public int Channels => _scale.Length;

    public ReadOnlySpan<float> Scale => _scale;

    public ReadOnlySpan<float> Shift => _shift;

    public override IReadOnlyList<(string Name, float[] Values)> Buffers => [("scale", _scale), ("shift", _shift)];

    public override Shape OutputShape(ReadOnlySpan<Shape> inputs)
    {
        if (inputs[0].Channels != Channels)
        {
            throw new ShapeException($"{Name}: factors for {Channels} channels, input {inputs[0]}");
        }
        return inputs[0];
    }

    public override string Describe() => $"channel_affine {Channels}";

    public override void Forward(ReadOnlySpan<Tensor> inputs, Tensor output, ForwardMode mode, WorkerPool pool)
    {
        var x = inputs[0];
        int plane = x.Shape.Pixels;
        for (int n = 0; n < x.Batch; n++)
        {
            var xn = x.Example(n);
            var yn = output.Example(n);
            for (int c = 0; c < Channels; c++)
            {
                var y = yn.Slice(c * plane, plane);
                System.Numerics.Tensors.TensorPrimitives.Multiply(xn.Slice(c * plane, plane), _scale[c], y);
                System.Numerics.Tensors.TensorPrimitives.Add(y, _shift[c], y);
            }
        }
    }

    public override void Backward(ReadOnlySpan<Tensor> inputs, Tensor output, Tensor outputGrad, ReadOnlySpan<Tensor?> inputGrads, WorkerPool pool)
    {
        if (inputGrads[0] is not { } dx)
        {
            return;
        }
        int plane = output.Shape.Pixels;
        for (int n = 0; n < output.Batch; n++)
        {
            var dy = outputGrad.Example(n);
            var d = dx.Example(n);
            for (int c = 0; c < Channels; c++)
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(dy.Slice(c * plane, plane), _scale[c], d.Slice(c * plane, plane));
            }
        }
    }
}
