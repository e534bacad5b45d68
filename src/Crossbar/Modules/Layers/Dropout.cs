using Crossbar.Numerics;

namespace Crossbar.Modules.Layers;

/// <summary>
/// Inverted dropout: in training each value is zeroed with probability p and the rest scaled by 1/(1 − p); identity
/// in evaluation. The mask of training step t, element i is the counter-based draw (seed, t, i), so it does not
/// depend on threads; <see cref="Steps"/> is saved in checkpoints.
/// </summary>
public sealed class Dropout(double p) : Module, ICheckpointState
{
    private ulong _key;
    private float[] _mask = [];

    public double P { get; } = p is >= 0 and < 1 ? p : throw new ArgumentOutOfRangeException(nameof(p), p, "dropout p must be in [0, 1)");

    /// <summary>Training forward passes so far (the mask stream's position).</summary>
    public long Steps { get; set; }

    public void SaveState(BinaryWriter writer) => writer.Write(Steps);

    public void LoadState(BinaryReader reader) => Steps = reader.ReadInt64();

    public override string Kind => "dropout";

    public override string Describe() => $"dropout p = {P}";

    public override Shape OutputShape(ReadOnlySpan<Shape> inputs) => inputs[0];

    public override void Initialize(ulong seed) => _key = CounterRng.StreamKey(seed, "dropout:" + Name);

    public override void Forward(ReadOnlySpan<Tensor> inputs, Tensor output, ForwardMode mode, WorkerPool pool)
    {
        var x = inputs[0].Span;
        var y = output.Span;
        if (mode != ForwardMode.Train || P == 0)
        {
            x.CopyTo(y);
            return;
        }
        if (_mask.Length < x.Length)
        {
            _mask = new float[x.Length];
        }
        float keep = (float)(1 - P), scale = 1f / keep;
        var rng = new CounterRng(CounterRng.Mix(_key ^ (ulong)Steps));
        for (int i = 0; i < x.Length; i++)
        {
            _mask[i] = rng.NextFloat() < keep ? scale : 0f;
        }
        System.Numerics.Tensors.TensorPrimitives.Multiply(x, _mask.AsSpan(0, x.Length), y);
        Steps++;
    }

    public override void Backward(ReadOnlySpan<Tensor> inputs, Tensor output, Tensor outputGrad, ReadOnlySpan<Tensor?> inputGrads, WorkerPool pool)
    {
        if (inputGrads[0] is not { } dx)
        {
            return;
        }
        if (P == 0)
        {
            outputGrad.Span.CopyTo(dx.Span);
        }
        else
        {
            System.Numerics.Tensors.TensorPrimitives.Multiply(outputGrad.Span, _mask.AsSpan(0, outputGrad.Length), dx.Span);
        }
    }
}
