using System.Numerics.Tensors;
using Crossbar.Numerics;

namespace Crossbar.Modules.Layers;

/// <summary>
/// Fully connected layer y = x·Wᵀ + b over a batch (N × in → N × out), weights [out, in] as in PyTorch and ONNX.
/// Any input shape is taken as its flattened features. The GEMMs split rows (or, for dW, columns) of the result
/// over the workers, which leaves every sum's order unchanged, so results do not depend on the thread count.
/// </summary>
public sealed class Linear : Module
{
    // Below this many multiply-adds one thread does the whole product (waking the pool costs more).
    private const long ParallelMacs = 1L << 20;

    private readonly Parameter _weight;
    private readonly Parameter? _bias;
    private readonly Action<int, int, int> _forwardRows;
    private readonly Action<int, int, int> _weightGradColumns;
    private readonly Action<int, int, int> _inputGradRows;
    // Operands of the current parallel product (set before pool.Run so the bodies need no closures).
    private Tensor? _x;
    private Tensor? _y;
    private Tensor? _dy;
    private Tensor? _dx;

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
        _forwardRows = ForwardRows;
        _weightGradColumns = WeightGradColumns;
        _inputGradRows = InputGradRows;
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
        _x = x;
        _y = output;
        Split(pool, n, _forwardRows);
        _x = _y = null;
        if (_bias is not null)
        {
            var y = output.Span;
            for (int i = 0; i < n; i++)
            {
                var row = y.Slice(i * OutFeatures, OutFeatures);
                TensorPrimitives.Add(row, _bias.Value, row);
            }
        }
    }

    // Y rows [start, end) = X rows · Wᵀ
    private void ForwardRows(int start, int end, int worker) =>
        Gemm.Multiply(false, true, end - start, OutFeatures, InFeatures, _x!.Span[(start * InFeatures)..], InFeatures,
            _weight.Value, InFeatures, _y!.Span[(start * OutFeatures)..], OutFeatures);

    // dW columns [start, end) (out × in) = dYᵀ (out × N) · X columns (N × in)
    private void WeightGradColumns(int start, int end, int worker) =>
        Gemm.Multiply(true, false, OutFeatures, end - start, _x!.Batch, _dy!.Span, OutFeatures, _x.Span[start..], InFeatures,
            _weight.Grad.AsSpan(start), InFeatures);

    // dX rows [start, end) (N × in) = dY rows (N × out) · W (out × in)
    private void InputGradRows(int start, int end, int worker) =>
        Gemm.Multiply(false, false, end - start, InFeatures, OutFeatures, _dy!.Span[(start * OutFeatures)..], OutFeatures,
            _weight.Value, InFeatures, _dx!.Span[(start * InFeatures)..], InFeatures);

    /// <summary>Runs a product's body over [0, count) on the pool when it is large enough, else inline.</summary>
    private void Split(WorkerPool pool, int count, Action<int, int, int> body)
    {
        long macs = (long)_x!.Batch * InFeatures * OutFeatures;
        if (macs < ParallelMacs || pool.Threads == 1)
        {
            body(0, count, 0);
        }
        else
        {
            pool.Run(count, body);
        }
    }

    public override void Backward(ReadOnlySpan<Tensor> inputs, Tensor output, Tensor outputGrad, ReadOnlySpan<Tensor?> inputGrads, WorkerPool pool)
    {
        var x = inputs[0];
        int n = x.Batch;
        var dy = outputGrad.Span;
        _x = x;
        _dy = outputGrad;
        _dx = inputGrads[0];
        Split(pool, InFeatures, _weightGradColumns);
        if (_bias is not null)
        {
            var db = _bias.Grad.AsSpan();
            dy[..OutFeatures].CopyTo(db);
            for (int i = 1; i < n; i++)
            {
                TensorPrimitives.Add(db, dy.Slice(i * OutFeatures, OutFeatures), db);
            }
        }
        if (_dx is not null)
        {
            Split(pool, n, _inputGradRows);
        }
        _x = _dy = _dx = null;
    }
}
