using Crossbar.Config;

namespace Crossbar.Network.Activations;

/// <summary>
/// A neuron's squashing function f applied element-wise (or over the layer, for softmax), with its exact derivative.
/// Peripheral-circuit approximations of f′ live in <see cref="DerivativeApproximation"/>.
/// </summary>
public abstract class Activation
{
    /// <summary>a = f(z).</summary>
    public abstract void Apply(ReadOnlySpan<float> z, Span<float> a);

    /// <summary>d = f′(z), given z and a = f(z) (whichever is cheaper to use).</summary>
    public abstract void Derivative(ReadOnlySpan<float> z, ReadOnlySpan<float> a, Span<float> d);

    /// <summary>Largest value f′ takes; the step derivative's threshold is a fraction of it.</summary>
    public abstract float PeakDerivative { get; }

    /// <summary>Range of f used to quantize activations to N states (saturating for unbounded functions).</summary>
    public abstract (float Low, float High) OutputRange { get; }

    public abstract string Describe();

    public static Activation Create(ActivationConfig c) => c.Kind switch
    {
        ActivationKind.Tanh => new TanhActivation((float)c.Alpha, (float)c.Beta, (float)c.Slope),
        ActivationKind.PwlTanh => new PiecewiseLinearTanhActivation((float)c.Alpha, (float)c.Beta, (float)c.Slope),
        ActivationKind.HardSigmoid => new HardSigmoidActivation((float)c.C),
        ActivationKind.Sigmoid => new SigmoidActivation((float)c.Slope),
        ActivationKind.Relu => new ReluActivation(),
        ActivationKind.Linear => new LinearActivation(),
        ActivationKind.Softmax => new SoftmaxActivation(),
        _ => throw new ArgumentOutOfRangeException(nameof(c), c.Kind, "unknown activation"),
    };
}
