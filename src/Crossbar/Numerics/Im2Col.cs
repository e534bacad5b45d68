namespace Crossbar.Numerics;

/// <summary>Placeholder reference im2col (replaced on merge).</summary>
public static class Im2Col
{
    public static int OutputSize(int size, int kernel, int stride, int pad) => (size + 2 * pad - kernel) / stride + 1;

    public static void Forward(ReadOnlySpan<float> image, int channels, int height, int width, int kernelH, int kernelW,
        int strideH, int strideW, int padH, int padW, Span<float> columns)
    {
        int oh = OutputSize(height, kernelH, strideH, padH), ow = OutputSize(width, kernelW, strideW, padW);
        for (int c = 0; c < channels; c++)
        for (int ky = 0; ky < kernelH; ky++)
        for (int kx = 0; kx < kernelW; kx++)
        {
            int r = (c * kernelH + ky) * kernelW + kx;
            for (int oy = 0; oy < oh; oy++)
            for (int ox = 0; ox < ow; ox++)
            {
                int y = oy * strideH - padH + ky, x = ox * strideW - padW + kx;
                columns[r * oh * ow + oy * ow + ox] = y >= 0 && y < height && x >= 0 && x < width ? image[(c * height + y) * width + x] : 0f;
            }
        }
    }

    public static void Col2ImAccumulate(ReadOnlySpan<float> columns, int channels, int height, int width, int kernelH, int kernelW,
        int strideH, int strideW, int padH, int padW, Span<float> image)
    {
        int oh = OutputSize(height, kernelH, strideH, padH), ow = OutputSize(width, kernelW, strideW, padW);
        for (int c = 0; c < channels; c++)
        for (int ky = 0; ky < kernelH; ky++)
        for (int kx = 0; kx < kernelW; kx++)
        {
            int r = (c * kernelH + ky) * kernelW + kx;
            for (int oy = 0; oy < oh; oy++)
            for (int ox = 0; ox < ow; ox++)
            {
                int y = oy * strideH - padH + ky, x = ox * strideW - padW + kx;
                if (y >= 0 && y < height && x >= 0 && x < width)
                {
                    image[(c * height + y) * width + x] += columns[r * oh * ow + oy * ow + ox];
                }
            }
        }
    }
}
