using Crossbar.Numerics;

namespace Crossbar.Modules.Layers;

/// <summary>
/// Batch normalisation per channel (Ioffe &amp; Szegedy 2015) over N×H×W (images) or N (flat features): in training,
/// batch mean and biased variance normalise, and running averages (unbiased variance, momentum 0.1, as PyTorch)
/// are kept; in evaluation the running statistics are used. Channels are split over the workers; each channel's
/// sums run in one fixed order (in double), so results do not depend on the thread count.
/// </summary>
public sealed class BatchNorm : Module, IChannelAffine
{
    private readonly Parameter _gamma;
    private readonly Parameter _beta;
    private readonly float[] _runningMean;
    private readonly float[] _runningVar;
    private readonly float[] _mean;
    private readonly float[] _invStd;
    private readonly Action<int, int, int> _trainBody;
    private readonly Action<int, int, int> _evalBody;
    private readonly Action<int, int, int> _backwardBody;
    private Tensor? _x;
    private Tensor? _y;
    private Tensor? _dy;
    private Tensor? _dx;

    public BatchNorm(int channels, float epsilon = 1e-5f, float momentum = 0.1f)
    {
        if (channels < 1)
        {
            throw new ArgumentException($"batch_norm over {channels} channels");
        }
        Channels = channels;
        Epsilon = epsilon;
        Momentum = momentum;
        _gamma = new Parameter("weight", [channels], decay: false);
        _beta = new Parameter("bias", [channels], decay: false);
        _runningMean = new float[channels];
        _runningVar = new float[channels];
        _mean = new float[channels];
        _invStd = new float[channels];
        Array.Fill(_gamma.Value, 1f);
        Array.Fill(_runningVar, 1f);
        _trainBody = TrainRange;
        _evalBody = EvalRange;
        _backwardBody = BackwardRange;
    }

    public int Channels { get; }

    public float Epsilon { get; }

    public float Momentum { get; }

    public Parameter Gamma => _gamma;

    public Parameter Beta => _beta;

    public float[] RunningMean => _runningMean;

    public float[] RunningVar => _runningVar;

    public override string Kind => "batch_norm";

    public override IReadOnlyList<Parameter> Parameters => [_gamma, _beta];

    public override IReadOnlyList<(string Name, float[] Values)> Buffers => [("running_mean", _runningMean), ("running_var", _runningVar)];

    public override Shape OutputShape(ReadOnlySpan<Shape> inputs)
    {
        if (inputs[0].Channels != Channels)
        {
            throw Mismatch($"normalises {Channels} channels but gets {inputs[0]}");
        }
        return inputs[0];
    }

    public override string Describe() => $"batch_norm {Channels}";

    public override void Initialize(ulong seed)
    {
        Array.Fill(_gamma.Value, 1f);
        Array.Clear(_beta.Value);
        Array.Clear(_runningMean);
        Array.Fill(_runningVar, 1f);
    }

    public override void Forward(ReadOnlySpan<Tensor> inputs, Tensor output, ForwardMode mode, WorkerPool pool)
    {
        _x = inputs[0];
        _y = output;
        pool.Run(Channels, mode == ForwardMode.Train ? _trainBody : _evalBody);
        _x = _y = null;
    }

    private void TrainRange(int start, int end, int worker)
    {
        var x = _x!;
        int n = x.Batch, hw = x.Shape.Pixels;
        long m = (long)n * hw;
        for (int c = start; c < end; c++)
        {
            double sum = 0, sq = 0;
            for (int i = 0; i < n; i++)
            {
                var (s, s2) = PlaneKernels.SumAndSquares(x.Plane(i, c));
                sum += s;
                sq += s2;
            }
            double mean = sum / m;
            double var = Math.Max(0, sq / m - mean * mean);
            _mean[c] = (float)mean;
            _invStd[c] = (float)(1.0 / Math.Sqrt(var + Epsilon));
            double unbiased = m > 1 ? var * m / (m - 1) : var;
            _runningMean[c] = (float)((1 - Momentum) * _runningMean[c] + Momentum * mean);
            _runningVar[c] = (float)((1 - Momentum) * _runningVar[c] + Momentum * unbiased);
            Normalise(c, _mean[c], _invStd[c]);
        }
    }

    private void EvalRange(int start, int end, int worker)
    {
        for (int c = start; c < end; c++)
        {
            Normalise(c, _runningMean[c], EvaluationInvStd(c));
        }
    }

    private float EvaluationInvStd(int c) => 1f / MathF.Sqrt(_runningVar[c] + Epsilon);

    /// <summary>y = x·scale + shift with scale = γ/σ and shift = β − μ·scale: the map <see cref="Normalise"/> applies.</summary>
    private (float Scale, float Shift) AffineOf(int c, float mean, float invStd)
    {
        float scale = _gamma.Value[c] * invStd;
        return (scale, _beta.Value[c] - mean * scale);
    }

    public void EvaluationAffine(Span<float> scale, Span<float> shift)
    {
        for (int c = 0; c < Channels; c++)
        {
            (scale[c], shift[c]) = AffineOf(c, _runningMean[c], EvaluationInvStd(c));
        }
    }

    private void Normalise(int c, float mean, float invStd)
    {
        var (scale, shift) = AffineOf(c, mean, invStd);
        for (int i = 0; i < _x!.Batch; i++)
        {
            var p = _x.Plane(i, c);
            var q = _y!.Plane(i, c);
            PlaneKernels.Affine(p, scale, shift, q);
        }
    }

    public override void Backward(ReadOnlySpan<Tensor> inputs, Tensor output, Tensor outputGrad, ReadOnlySpan<Tensor?> inputGrads, WorkerPool pool)
    {
        _x = inputs[0];
        _dy = outputGrad;
        _dx = inputGrads[0];
        pool.Run(Channels, _backwardBody);
        _x = _dy = _dx = null;
    }

    private void BackwardRange(int start, int end, int worker)
    {
        var x = _x!;
        var dy = _dy!;
        int n = x.Batch;
        long m = (long)n * x.Shape.Pixels;
        for (int c = start; c < end; c++)
        {
            float mean = _mean[c], inv = _invStd[c];
            double sdy = 0, sdyx = 0;
            for (int i = 0; i < n; i++)
            {
                var (a, b) = PlaneKernels.SumAndCentredProducts(dy.Plane(i, c), x.Plane(i, c), mean);
                sdy += a;
                sdyx += b;
            }
            // dβ = Σ dy, dγ = Σ dy·x̂
            float dBeta = (float)sdy, dGamma = (float)(sdyx * inv);
            _beta.Grad[c] = dBeta;
            _gamma.Grad[c] = dGamma;
            if (_dx is null)
            {
                continue;
            }
            // dx = γ·inv/M · (M·dy − Σdy − x̂·Σ(dy·x̂))
            float k = _gamma.Value[c] * inv;
            float meanDy = (float)(sdy / m);
            float coef = (float)(sdyx * inv / m) * inv;
            for (int i = 0; i < n; i++)
            {
                var p = x.Plane(i, c);
                var g = dy.Plane(i, c);
                var d = _dx.Plane(i, c);
                // d = k·(g − meanDy − (p − mean)·coef) = k·g − k·coef·p + k·(coef·mean − meanDy)
                PlaneKernels.Affine(p, -k * coef, k * (coef * mean - meanDy), d);
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(g, k, d, d);
            }
        }
    }
}
