using Crossbar.Config;
using Crossbar.Network;

namespace Crossbar.Updates;

/// <summary>
/// Neuron-centric Local Gains (000_be961920015dd47a.txt §III, Eqs. 1–2). Each neuron keeps a gain and the sign of its
/// last value; the gain grows linearly (+LGC) when two successive values have the same strict sign and shrinks
/// exponentially (×(1 − LGC)) otherwise, within [min, max]. The update then uses g_x·x upstream and g_δ·δ downstream,
/// so the upstream neuron fires according to √η·g_x·x and the downstream one according to √η·g_δ·δ.
/// </summary>
public sealed class LocalGains : ICheckpointState
{
    private readonly float _lgc, _min, _max;
    private readonly float[]?[] _gx;       // per neuron layer l = 0..L−1 (upstream side); null = constant
    private readonly float[] _gxConstant;  // used where _gx[l] is null
    private readonly float[][] _gd;        // per neuron layer l = 1..L (index l)
    private readonly float[]?[] _lastX;
    private readonly float[][] _lastD;
    private readonly float[][] _scaledX;
    private readonly float[][] _scaledD;
    private readonly float[] _inputErrorLast;

    public LocalGains(LocalGainsConfig config, IReadOnlyList<int> layerSizes)
    {
        Variant = config.Variant;
        _lgc = (float)config.Lgc;
        _min = (float)config.MinGain;
        _max = (float)config.MaxGain;
        float g0 = (float)config.InitialGain;
        int n = layerSizes.Count - 1;
        _gx = new float[n][];
        _lastX = new float[n][];
        _gxConstant = new float[n];
        _scaledX = new float[n][];
        _gd = new float[n + 1][];
        _lastD = new float[n + 1][];
        _scaledD = new float[n + 1][];
        for (int l = 0; l < n; l++)
        {
            bool adaptive = l == 0 || Variant == LocalGainsVariant.Initial;
            if (adaptive)
            {
                _gx[l] = Filled(layerSizes[l], g0);
                _lastX[l] = new float[layerSizes[l]];
            }
            _gxConstant[l] = adaptive ? g0 : (float)config.HiddenGx;
            _scaledX[l] = new float[layerSizes[l]];
        }
        for (int l = 1; l <= n; l++)
        {
            _gd[l] = Filled(layerSizes[l], g0);
            _lastD[l] = new float[layerSizes[l]];
            _scaledD[l] = new float[layerSizes[l]];
        }
        _gd[0] = [];
        _lastD[0] = [];
        _scaledD[0] = [];
        _inputErrorLast = new float[layerSizes[0]];
    }

    public LocalGainsVariant Variant { get; }

    /// <summary>The final variant needs the error at the input neurons (<see cref="Mlp.Backward"/> with inputErrors).</summary>
    public bool NeedsInputErrors => Variant == LocalGainsVariant.Final;

    /// <summary>g_x of neuron layer l (l = 0 is the input layer), or null where it is a constant.</summary>
    public ReadOnlySpan<float> Gx(int l) => _gx[l];

    public float GxConstant(int l) => _gxConstant[l];

    /// <summary>g_δ of neuron layer l (1..L).</summary>
    public ReadOnlySpan<float> Gdelta(int l) => _gd[l];

    public int Layers => _gx.Length;

    /// <summary>Checkpoint state: every gain and the last signals whose signs the next example is compared with.</summary>
    public void SaveState(BinaryWriter writer)
    {
        foreach (var a in Arrays())
        {
            StateIO.WriteArray<float>(writer, a);
        }
    }

    public void LoadState(BinaryReader reader)
    {
        foreach (var a in Arrays())
        {
            StateIO.ReadArray<float>(reader, a, "local gains");
        }
    }

    /// <summary>The state arrays in a fixed order; layers with constant g_x have none.</summary>
    private IEnumerable<float[]> Arrays()
    {
        for (int l = 0; l < _gx.Length; l++)
        {
            if (_gx[l] is { } gx)
            {
                yield return gx;
                yield return _lastX[l]!;
            }
        }
        for (int l = 1; l < _gd.Length; l++)
        {
            yield return _gd[l];
            yield return _lastD[l];
        }
        yield return _inputErrorLast;
    }

    /// <summary>Updates every gain from this example's x and δ (Eqs. 1–2), after the backward pass.</summary>
    public void Observe(Mlp network)
    {
        for (int l = 0; l < _gx.Length; l++)
        {
            if (_gx[l] is { } gx)
            {
                // Final variant: the input layer's g_x follows the sign of the pretend upstream error (000 §III.C).
                var signal = l == 0 && Variant == LocalGainsVariant.Final ? network.Errors(0) : network.Activations(l);
                Adapt(gx, l == 0 && Variant == LocalGainsVariant.Final ? _inputErrorLast : _lastX[l]!, signal);
            }
        }
        for (int l = 1; l < _gd.Length; l++)
        {
            Adapt(_gd[l], _lastD[l], network.Errors(l));
        }
    }

    /// <summary>g_x·x for the synapse layer fed by neuron layer l (valid until the next call with the same l).</summary>
    public ReadOnlySpan<float> ScaleX(int l, ReadOnlySpan<float> x)
    {
        var dst = _scaledX[l];
        if (_gx[l] is { } g)
        {
            for (int i = 0; i < dst.Length; i++)
            {
                dst[i] = g[i] * x[i];
            }
        }
        else
        {
            float c = _gxConstant[l];
            for (int i = 0; i < dst.Length; i++)
            {
                dst[i] = c * x[i];
            }
        }
        return dst;
    }

    /// <summary>g_δ·δ for neuron layer l (1..L).</summary>
    public ReadOnlySpan<float> ScaleDelta(int l, ReadOnlySpan<float> delta)
    {
        var dst = _scaledD[l];
        var g = _gd[l];
        for (int j = 0; j < dst.Length; j++)
        {
            dst[j] = g[j] * delta[j];
        }
        return dst;
    }

    private void Adapt(float[] gain, float[] last, ReadOnlySpan<float> now)
    {
        float keep = 1f - _lgc;
        for (int i = 0; i < gain.Length; i++)
        {
            float v = now[i];
            // Eq. 1/2: same strict sign on two successive examples → +LGC; otherwise ×(1 − LGC).
            float g = v * last[i] > 0f ? gain[i] + _lgc : gain[i] * keep;
            gain[i] = Math.Clamp(g, _min, _max);
            last[i] = v;
        }
    }

    private static float[] Filled(int n, float v)
    {
        var a = new float[n];
        Array.Fill(a, v);
        return a;
    }
}
