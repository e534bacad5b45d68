using System.Numerics.Tensors;
using Crossbar.Config;
using Crossbar.Data;
using Crossbar.Network.Activations;

namespace Crossbar.Inference;

/// <summary>
/// Global drift compensation (aihwkit GlobalDriftCompensation; 004 Fig. 4 keeps accuracy despite drift): a reference
/// read of each layer right after programming, and the same read at time t, give α_l = ref_l / read_l(t), by which
/// the periphery scales that layer's outputs. Reads: mean |output| for an all-ones input, mean |W| (one-hot inputs),
/// or mean |pre-activation| over a calibration batch (layer by layer, upstream layers already compensated).
/// </summary>
public sealed class DriftCompensator
{
    private readonly DriftProbe _probe;
    private readonly Activation _hidden;
    private readonly Activation _output;
    private readonly Dataset? _calibration;
    private readonly int _count;

    public DriftCompensator(DriftProbe probe, NetworkConfig network, Dataset? calibration, int count)
    {
        _probe = probe;
        _hidden = Activation.Create(network.HiddenActivation);
        _output = Activation.Create(network.OutputActivation);
        if (probe == DriftProbe.Calibration && calibration is null)
        {
            throw new ArgumentException("the calibration probe needs a data set", nameof(calibration));
        }
        _calibration = calibration;
        _count = calibration is null ? 0 : Math.Min(count, calibration.Count);
    }

    /// <summary>Reads every layer uncompensated (scales set to 1): the reference at programming time.</summary>
    public double[] Reference(MappedNetwork net) => Run(net, null);

    /// <summary>Sets each layer's scale to ref/read at the network's present time; returns the scales.</summary>
    public double[] Compensate(MappedNetwork net, ReadOnlySpan<double> reference) => Run(net, reference.ToArray());

    private double[] Run(MappedNetwork net, double[]? reference)
    {
        int n = net.Layers.Count;
        var result = new double[n];
        for (int l = 0; l < n; l++)
        {
            net.Layers[l].Scale = 1.0;
        }
        if (_probe == DriftProbe.Calibration)
        {
            return RunCalibration(net, reference);
        }
        for (int l = 0; l < n; l++)
        {
            var layer = net.Layers[l];
            double read = _probe == DriftProbe.Ones ? OnesRead(layer) : MeanAbsWeight(layer);
            result[l] = reference is null ? read : Ratio(reference[l], read);
            layer.Scale = reference is null ? 1.0 : result[l];
        }
        return result;
    }

    private static double Ratio(double reference, double read) => reference / Math.Max(read, 1e-12);

    private static double OnesRead(MappedLayer layer)
    {
        var x = new float[layer.Inputs];
        x.AsSpan().Fill(1f);
        var z = new float[layer.Outputs];
        layer.Forward(x, z);
        return TensorPrimitives.SumOfMagnitudes(z) / z.Length;
    }

    private static double MeanAbsWeight(MappedLayer layer)
    {
        var w = new float[(layer.Inputs + (layer.HasBias ? 1 : 0)) * layer.Outputs];
        layer.CopyWeights(w);
        return TensorPrimitives.SumOfMagnitudes(w) / w.Length;
    }

    private double[] RunCalibration(MappedNetwork net, double[]? reference)
    {
        var data = _calibration!;
        int n = net.Layers.Count;
        var result = new double[n];
        int width = data.Features;
        var a = new float[_count * width];
        data.Inputs.AsSpan(0, a.Length).CopyTo(a);
        for (int l = 0; l < n; l++)
        {
            var layer = net.Layers[l];
            int m = layer.Outputs;
            var z = new float[_count * m];
            double sum = 0;
            for (int i = 0; i < _count; i++)
            {
                var zi = z.AsSpan(i * m, m);
                layer.Forward(a.AsSpan(i * width, width), zi);
                sum += TensorPrimitives.SumOfMagnitudes(zi);
            }
            double read = sum / ((double)_count * m);
            double scale = reference is null ? 1.0 : Ratio(reference[l], read);
            result[l] = reference is null ? read : scale;
            layer.Scale = scale;
            var f = l == n - 1 ? _output : _hidden;
            for (int i = 0; i < _count; i++)
            {
                var zi = z.AsSpan(i * m, m);
                TensorPrimitives.Multiply(zi, (float)scale, zi);
                f.Apply(zi, zi);
            }
            a = z;
            width = m;
        }
        return result;
    }
}
