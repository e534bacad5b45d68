namespace Crossbar.Modules;

/// <summary>A module that, in evaluation, is a per-channel affine map y = x·scale + shift (batch norm).</summary>
public interface IChannelAffine
{
    /// <summary>The scale and shift of each channel, exactly as the module's own evaluation pass computes them.</summary>
    void EvaluationAffine(Span<float> scale, Span<float> shift);
}
