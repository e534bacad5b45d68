using System.Numerics.Tensors;
using Crossbar.Numerics;

namespace Crossbar.Network;

/// <summary>A float (software) layer: the reference every device-aware run is compared with.</summary>
public sealed class DenseLayer : ILayer, ICheckpointState
{
    private readonly float[] _w;
    private float[]? _grad;
    private readonly WeightQuantizer? _quantizer;

    public DenseLayer(int inputs, int outputs, bool bias, WeightQuantizer? quantizer = null)
    {
        Inputs = inputs;
        Outputs = outputs;
        HasBias = bias;
        Rows = inputs + (bias ? 1 : 0);
        _w = new float[Rows * outputs];
        _quantizer = quantizer;
    }

    public int Inputs { get; }

    public int Outputs { get; }

    public bool HasBias { get; }

    /// <summary>Inputs plus the bias row.</summary>
    public int Rows { get; }

    /// <summary>The weights, row-major by input (row <see cref="Inputs"/> is the bias row).</summary>
    public Span<float> Weights => _w;

    public Span<float> Row(int i) => _w.AsSpan(i * Outputs, Outputs);

    public void Forward(ReadOnlySpan<float> x, Span<float> z)
    {
        if (HasBias)
        {
            Row(Inputs).CopyTo(z);
        }
        else
        {
            z.Clear();
        }
        // Rows of zero inputs are skipped: most MNIST pixels are 0.
        for (int i = 0; i < Inputs; i++)
        {
            float xi = x[i];
            if (xi != 0f)
            {
                Kernels.Axpy(xi, Row(i), z);
            }
        }
    }

    public void Backward(ReadOnlySpan<float> delta, Span<float> deltaIn)
    {
        for (int i = 0; i < Inputs; i++)
        {
            deltaIn[i] = Kernels.Dot(Row(i), delta);
        }
    }

    public void Update(ReadOnlySpan<float> x, ReadOnlySpan<float> delta, float learningRate)
    {
        for (int i = 0; i < Inputs; i++)
        {
            float s = learningRate * x[i];
            if (s != 0f)
            {
                var row = Row(i);
                Kernels.Axpy(s, delta, row);
                _quantizer?.Apply(row);
            }
        }
        if (HasBias)
        {
            var row = Row(Inputs);
            Kernels.Axpy(learningRate, delta, row);
            _quantizer?.Apply(row);
        }
    }

    public void BackwardAndUpdate(ReadOnlySpan<float> x, ReadOnlySpan<float> delta, Span<float> deltaIn, float learningRate)
    {
        if (_quantizer is not null)
        {
            Backward(delta, deltaIn);
            Update(x, delta, learningRate);
            return;
        }
        // One pass over each row: the dot product uses the row before its update, as separate steps would.
        for (int i = 0; i < Inputs; i++)
        {
            deltaIn[i] = Kernels.DotThenAxpy(Row(i), delta, learningRate * x[i]);
        }
        if (HasBias)
        {
            Kernels.Axpy(learningRate, delta, Row(Inputs));
        }
    }

    public void Accumulate(ReadOnlySpan<float> x, ReadOnlySpan<float> delta)
    {
        _grad ??= new float[_w.Length];
        for (int i = 0; i < Inputs; i++)
        {
            float xi = x[i];
            if (xi != 0f)
            {
                var g = _grad.AsSpan(i * Outputs, Outputs);
                TensorPrimitives.MultiplyAdd(delta, xi, g, g);
            }
        }
        if (HasBias)
        {
            var g = _grad.AsSpan(Inputs * Outputs, Outputs);
            TensorPrimitives.Add(g, delta, g);
        }
    }

    public void ApplyAccumulated(float learningRate, int batch)
    {
        if (_grad is null)
        {
            return;
        }
        TensorPrimitives.MultiplyAdd(_grad, learningRate / batch, _w, _w);
        Array.Clear(_grad);
        _quantizer?.Apply(_w);
    }

    public void CopyWeights(Span<float> destination) => _w.CopyTo(destination);

    /// <summary>Checkpoint state: the weights (checkpoints are taken at epoch ends, when the mini-batch sum is empty).</summary>
    public void SaveState(BinaryWriter writer) => StateIO.WriteArray<float>(writer, _w);

    public void LoadState(BinaryReader reader) => StateIO.ReadArray<float>(reader, _w, "layer weights");
}
