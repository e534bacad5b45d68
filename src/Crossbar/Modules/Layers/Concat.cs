namespace Crossbar.Modules.Layers;

/// <summary>
/// Concatenation of its inputs along the channels (features of flat inputs), as ONNX Concat at axis 1 (Inception and
/// DenseNet branches); every input needs the same height and width. Backward splits ∂L/∂y back into the inputs.
/// </summary>
public sealed class Concat(int inputs) : Module
{
    public override string Kind => "concat";

    public override int Arity { get; } = inputs >= 2 ? inputs : throw new ArgumentOutOfRangeException(nameof(inputs), "concat needs at least two inputs");

    public override string Describe() => $"concat of {Arity}";

    public override Shape OutputShape(ReadOnlySpan<Shape> inputs)
    {
        int channels = 0;
        foreach (var s in inputs)
        {
            if (s.Height != inputs[0].Height || s.Width != inputs[0].Width)
            {
                throw Mismatch($"concatenates {inputs[0]} and {s}: the heights and widths differ");
            }
            channels += s.Channels;
        }
        return new Shape(channels, inputs[0].Height, inputs[0].Width);
    }

    public override void Forward(ReadOnlySpan<Tensor> inputs, Tensor output, ForwardMode mode, WorkerPool pool)
    {
        for (int n = 0; n < output.Batch; n++)
        {
            var y = output.Example(n);
            int offset = 0;
            foreach (var x in inputs)
            {
                var xn = x.Example(n);
                xn.CopyTo(y[offset..]);
                offset += xn.Length;
            }
        }
    }

    public override void Backward(ReadOnlySpan<Tensor> inputs, Tensor output, Tensor outputGrad, ReadOnlySpan<Tensor?> inputGrads, WorkerPool pool)
    {
        for (int n = 0; n < output.Batch; n++)
        {
            var dy = outputGrad.Example(n);
            int offset = 0;
            for (int i = 0; i < inputs.Length; i++)
            {
                int length = inputs[i].Stride;
                if (inputGrads[i] is { } g)
                {
                    dy.Slice(offset, length).CopyTo(g.Example(n));
                }
                offset += length;
            }
        }
    }
}
