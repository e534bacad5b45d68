using Crossbar.Modules;

namespace Crossbar.Training.Optim;

/// <summary>
/// Stochastic gradient descent with momentum, optional Nesterov momentum and L2 weight decay, PyTorch's form:
/// g = ∇θ + λ·θ (decayed parameters only); v = μ·v + g; θ −= η·(Nesterov ? g + μ·v : v).
/// Velocities are one array per parameter, saved in checkpoints.
/// </summary>
public sealed class Sgd : ICheckpointState
{
    private readonly IReadOnlyList<(string Name, Parameter Parameter)> _parameters;
    private readonly float[][] _velocity;

    public Sgd(IReadOnlyList<(string Name, Parameter Parameter)> parameters, double momentum, bool nesterov, double weightDecay)
    {
        _parameters = parameters;
        Momentum = (float)momentum;
        Nesterov = nesterov;
        WeightDecay = (float)weightDecay;
        _velocity = parameters.Select(p => new float[p.Parameter.Length]).ToArray();
    }

    public float Momentum { get; }

    public bool Nesterov { get; }

    public float WeightDecay { get; }

    /// <summary>Velocity of parameter i (the checkpoint's optimiser state).</summary>
    public float[] Velocity(int i) => _velocity[i];

    public void SaveState(BinaryWriter writer)
    {
        writer.Write((long)_velocity.Length);
        foreach (var v in _velocity)
        {
            StateIO.WriteArray<float>(writer, v);
        }
    }

    public void LoadState(BinaryReader reader)
    {
        StateIO.Expect(reader, _velocity.Length, "optimiser parameter count");
        for (int i = 0; i < _velocity.Length; i++)
        {
            StateIO.ReadArray<float>(reader, _velocity[i], $"velocity of {_parameters[i].Name}");
        }
    }

    public void Step(float learningRate)
    {
        for (int p = 0; p < _parameters.Count; p++)
        {
            var param = _parameters[p].Parameter;
            var w = param.Value;
            var grad = param.Grad;
            var v = _velocity[p];
            float wd = param.Decay ? WeightDecay : 0f;
            float mu = Momentum;
            if (mu == 0f)
            {
                for (int i = 0; i < w.Length; i++)
                {
                    w[i] -= learningRate * (grad[i] + wd * w[i]);
                }
                continue;
            }
            for (int i = 0; i < w.Length; i++)
            {
                float g = grad[i] + wd * w[i];
                float vi = mu * v[i] + g;
                v[i] = vi;
                w[i] -= learningRate * (Nesterov ? g + mu * vi : vi);
            }
        }
    }
}
