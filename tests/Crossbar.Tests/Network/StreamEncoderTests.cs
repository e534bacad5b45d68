using Crossbar.Network;

namespace Crossbar.Tests.Network;

public class StreamEncoderTests
{
    [Fact]
    public void Stream_means_are_k_over_BL_unbiased_and_keep_the_sign()
    {
        var enc = new StreamEncoder(10, seed: 3, "test", 0);
        float[] v = [0f, 1f, -0.3f, 2f, 0.5f];
        var m = new float[v.Length];
        double sum = 0;
        const int trials = 4000;
        for (int t = 0; t < trials; t++)
        {
            enc.Encode(v, m);
            Assert.Equal(0f, m[0]);
            Assert.Equal(1f, m[1]);          // p = 1: every bit set
            Assert.Equal(1f, m[3]);          // |v| clipped to 1
            Assert.True(m[2] <= 0f);         // sign kept
            Assert.Equal(0f, m[4] * 10 % 1, 5); // multiples of 1/BL
            sum += m[4];
        }
        Assert.InRange(sum / trials, 0.49, 0.51);
    }
}
