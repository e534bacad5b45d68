using System.Numerics;
using System.Numerics.Tensors;

namespace Crossbar.Modules.Layers;

/// <summary>max(0, x) element-wise; the backward pass passes ∂L/∂y where the output is positive.</summary>
public sealed class Relu : Module
{
    private readonly Action<int, int, int> _forwardBody;
    private readonly Action<int, int, int> _backwardBody;
    private Tensor? _a;
    private Tensor? _b;
    private Tensor? _c;

    public Relu()
    {
        _forwardBody = ForwardRange;
        _backwardBody = BackwardRange;
    }

    public override string Kind => "relu";

    public override Shape OutputShape(ReadOnlySpan<Shape> inputs) => inputs[0];

    public override void Forward(ReadOnlySpan<Tensor> inputs, Tensor output, ForwardMode mode, WorkerPool pool)
    {
        _a = inputs[0];
        _b = output;
        pool.Run(inputs[0].Batch, _forwardBody);
        _a = _b = null;
    }

    private void ForwardRange(int start, int end, int worker)
    {
        int s = _a!.Stride;
        TensorPrimitives.Max(_a.Span.Slice(start * s, (end - start) * s), 0f, _b!.Span.Slice(start * s, (end - start) * s));
    }

    public override void Backward(ReadOnlySpan<Tensor> inputs, Tensor output, Tensor outputGrad, ReadOnlySpan<Tensor?> inputGrads, WorkerPool pool)
    {
        if (inputGrads[0] is not { } dx)
        {
            return;
        }
        _a = output;
        _b = outputGrad;
        _c = dx;
        pool.Run(output.Batch, _backwardBody);
        _a = _b = _c = null;
    }

    private void BackwardRange(int start, int end, int worker)
    {
        int s = _a!.Stride;
        var y = _a.Span.Slice(start * s, (end - start) * s);
        var dy = _b!.Span.Slice(start * s, (end - start) * s);
        var dx = _c!.Span.Slice(start * s, (end - start) * s);
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int w = Vector<float>.Count;
            for (; i <= y.Length - w; i += w)
            {
                var mask = Vector.GreaterThan(new Vector<float>(y[i..]), Vector<float>.Zero);
                Vector.ConditionalSelect(mask, new Vector<float>(dy[i..]), Vector<float>.Zero).CopyTo(dx[i..]);
            }
        }
        for (; i < y.Length; i++)
        {
            dx[i] = y[i] > 0f ? dy[i] : 0f;
        }
    }
}
