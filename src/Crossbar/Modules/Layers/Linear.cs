using System.Numerics.Tensors;
using Crossbar.Numerics;

namespace Crossbar.Modules.Layers;

/// <summary>
/// Fully connected layer y = x·Wᵀ + b over a batch (N × in → N × out), weights [out, in] as in PyTorch and ONNX.
/// Any input shape is taken as its flattened features. The GEMMs split rows of the result over the workers, which
/// leaves every sum's order unchanged, so results do not depend on the thread count.
/// </summary>
public sealed class Linear : Module
{
    private readonly Parameter _weight;
    private readonly Parameter? _bias;

    public Linear(int inFeatures, int outFeatures, bool bias = true)
    {
        if (inFeatures < 1 || outFeatures < 1)
        {
            throw new ArgumentException($"linear {inFeatures}→{outFeatures}: sizes must be positive");
        }
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        _weight = new Parameter("weight", [outFeatures, inFeatures], decay: true);
        _bias = bias ? new Parameter("bias", [outFeatures], decay: false) : null;
    }

    public int InFeatures { get; }

    public int OutFeatures { get; }

    public Parameter Weight => _weight;

    public Parameter? Bias => _bias;

    public override string Kind => "linear";

    public override IReadOnlyList<Parameter> Parameters => _bias is null ? [_weight] : [_weight, _bias];

    public override Shape OutputShape(ReadOnlySpan<Shape> inputs)
    {
        if (inputs[0].Size != InFeatures)
        {
            throw Mismatch($"expects {InFeatures} input features but gets {inputs[0]} = {inputs[0].Size}");
        }
        return Shape.Flat(OutFeatures);
    }

    public override long MacsPerExample(ReadOnlySpan<Shape> inputs) => (long)InFeatures * OutFeatures;

    public override string Describe() => $"linear {InFeatures}→{OutFeatures}{(_bias is null ? " no bias" : "")}";

    /// <summary>He (Kaiming) normal, fan-in, gain √2; bias U(±1/√fan_in) (PyTorch's default bias).</summary>
    public override void Initialize(ulong seed)
    {
        var rng = CounterRng.ForStream(seed, "init:" + Name);
        rng.FillGaussian(_weight.Value, 0f, MathF.Sqrt(2f / InFeatures));
        if (_bias is not null)
        {
            float bound = 1f / MathF.Sqrt(InFeatures);
            for (int i = 0; i < _bias.Length; i++)
            {
                _bias.Value[i] = (2f * rng.NextFloat() - 1f) * bound;
            }
        }
    }

    public override void Forward(ReadOnlySpan<Tensor> inputs, Tensor output, ForwardMode mode, WorkerPool pool)
    {
        var x = inputs[0];
        int n = x.Batch;
        var y = output.Span;
        Gemm.Multiply(false, true, n, OutFeatures, InFeatures, x.Span, InFeatures, _weight.Value, InFeatures, y, OutFeatures, threads: pool.Threads);
        if (_bias is not null)
        {
            for (int i = 0; i < n; i++)
            {
                var row = y.Slice(i * OutFeatures, OutFeatures);
                TensorPrimitives.Add(row, _bias.Value, row);
            }
        }
    }

    public override void Backward(ReadOnlySpan<Tensor> inputs, Tensor output, Tensor outputGrad, ReadOnlySpan<Tensor?> inputGrads, WorkerPool pool)
    {
        var x = inputs[0];
        int n = x.Batch;
        var dy = outputGrad.Span;
        // dW (out × in) = dYᵀ (out × N) · X (N × in)
        Gemm.Multiply(true, false, OutFeatures, InFeatures, n, dy, OutFeatures, x.Span, InFeatures, _weight.Grad, InFeatures, threads: pool.Threads);
        if (_bias is not null)
        {
            var db = _bias.Grad.AsSpan();
            dy[..OutFeatures].CopyTo(db);
            for (int i = 1; i < n; i++)
            {
                TensorPrimitives.Add(db, dy.Slice(i * OutFeatures, OutFeatures), db);
            }
        }
        if (inputGrads[0] is { } dx)
        {
            // dX (N × in) = dY (N × out) · W (out × in)
            Gemm.Multiply(false, false, n, InFeatures, OutFeatures, dy, OutFeatures, _weight.Value, InFeatures, dx.Span, InFeatures, threads: pool.Threads);
        }
    }
}
