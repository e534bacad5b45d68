using System.Numerics.Tensors;

namespace Crossbar.Modules.Layers;

/// <summary>Residual addition y = a + b of two branches of the same shape (He et al. 2016).</summary>
public sealed class Add : Module, IEvaluationFusion
{
    private readonly Action<int, int, int> _forwardBody;
    private Tensor? _a;
    private Tensor? _b;
    private Tensor? _y;
    private ChannelEpilogue? _epilogue;

    public Add()
    {
        _forwardBody = ForwardRange;
    }

    public override string Kind => "add";

    public override int Arity => 2;

    public bool AcceptsAffine => false;

    public override Shape OutputShape(ReadOnlySpan<Shape> inputs)
    {
        if (inputs[0] != inputs[1])
        {
            throw Mismatch($"adds branches of different shapes: {inputs[0]} and {inputs[1]}");
        }
        return inputs[0];
    }

    public override void Forward(ReadOnlySpan<Tensor> inputs, Tensor output, ForwardMode mode, WorkerPool pool)
    {
        _a = inputs[0];
        _b = inputs[1];
        _y = output;
        pool.Run(output.Batch, _forwardBody);
        _a = _b = _y = null;
    }

    public void ForwardFused(ReadOnlySpan<Tensor> inputs, Tensor output, ChannelEpilogue epilogue, WorkerPool pool)
    {
        _epilogue = epilogue;
        try
        {
            Forward(inputs, output, ForwardMode.Evaluate, pool);
        }
        finally
        {
            _epilogue = null;
        }
    }

    private void ForwardRange(int start, int end, int worker)
    {
        int pixels = _y!.Shape.Pixels;
        for (int n = start; n < end; n++)
        {
            var y = _y.Example(n);
            TensorPrimitives.Add(_a!.Example(n), _b!.Example(n), y);
            _epilogue?.Apply(y, pixels);
        }
    }

    public override void Backward(ReadOnlySpan<Tensor> inputs, Tensor output, Tensor outputGrad, ReadOnlySpan<Tensor?> inputGrads, WorkerPool pool)
    {
        foreach (var g in inputGrads)
        {
            if (g is not null)
            {
                outputGrad.Span.CopyTo(g.Span);
            }
        }
    }
}
