using System.Numerics.Tensors;

namespace Crossbar.Numerics;

/// <summary>
/// Unrolls an image (C×H×W) into the column matrix of a convolution, row r = (c·kh + ky)·kw + kx, column
/// oy·ow + ox, so that the convolution is W[out × C·kh·kw] · columns; and the adjoint (col2im), which adds a
/// column matrix back onto an image. Each output row is written as runs: the in-bounds span of an input row is
/// copied whole (stride 1) and only the padding is zero-filled, so the unrolling costs little beside the GEMM.
/// </summary>
public static class Im2Col
{
    public static int OutputSize(int size, int kernel, int stride, int pad) => (size + 2 * pad - kernel) / stride + 1;

    /// <summary>columns[(c·kh+ky)·kw+kx, oy·ow+ox] = image[c, oy·sh − ph + ky, ox·sw − pw + kx] (0 outside the image).</summary>
    public static void Forward(ReadOnlySpan<float> image, int channels, int height, int width, int kernelH, int kernelW,
        int strideH, int strideW, int padH, int padW, Span<float> columns)
    {
        int oh = OutputSize(height, kernelH, strideH, padH), ow = OutputSize(width, kernelW, strideW, padW);
        int plane = oh * ow;
        for (int c = 0; c < channels; c++)
        {
            var src = image.Slice(c * height * width, height * width);
            for (int ky = 0; ky < kernelH; ky++)
            {
                for (int kx = 0; kx < kernelW; kx++)
                {
                    var dst = columns.Slice(((c * kernelH + ky) * kernelW + kx) * plane, plane);
                    var (x0, x1) = ValidColumns(width, ow, strideW, padW, kx);
                    for (int oy = 0; oy < oh; oy++)
                    {
                        var row = dst.Slice(oy * ow, ow);
                        int y = oy * strideH - padH + ky;
                        if (y < 0 || y >= height || x0 >= x1)
                        {
                            row.Clear();
                            continue;
                        }
                        row[..x0].Clear();
                        row[x1..].Clear();
                        int x = x0 * strideW - padW + kx;
                        var line = src.Slice(y * width, width);
                        if (strideW == 1)
                        {
                            line.Slice(x, x1 - x0).CopyTo(row[x0..x1]);
                        }
                        else
                        {
                            for (int ox = x0; ox < x1; ox++, x += strideW)
                            {
                                row[ox] = line[x];
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>image[c, y, x] += Σ columns over every (ky, kx, oy, ox) that reads (c, y, x): the adjoint of <see cref="Forward"/>.</summary>
    public static void Col2ImAccumulate(ReadOnlySpan<float> columns, int channels, int height, int width, int kernelH, int kernelW,
        int strideH, int strideW, int padH, int padW, Span<float> image)
    {
        int oh = OutputSize(height, kernelH, strideH, padH), ow = OutputSize(width, kernelW, strideW, padW);
        int plane = oh * ow;
        for (int c = 0; c < channels; c++)
        {
            var dstPlane = image.Slice(c * height * width, height * width);
            for (int ky = 0; ky < kernelH; ky++)
            {
                for (int kx = 0; kx < kernelW; kx++)
                {
                    var src = columns.Slice(((c * kernelH + ky) * kernelW + kx) * plane, plane);
                    var (x0, x1) = ValidColumns(width, ow, strideW, padW, kx);
                    if (x0 >= x1)
                    {
                        continue;
                    }
                    for (int oy = 0; oy < oh; oy++)
                    {
                        int y = oy * strideH - padH + ky;
                        if (y < 0 || y >= height)
                        {
                            continue;
                        }
                        var row = src.Slice(oy * ow, ow);
                        int x = x0 * strideW - padW + kx;
                        var line = dstPlane.Slice(y * width, width);
                        if (strideW == 1)
                        {
                            var target = line.Slice(x, x1 - x0);
                            TensorPrimitives.Add(target, row[x0..x1], target);
                        }
                        else
                        {
                            for (int ox = x0; ox < x1; ox++, x += strideW)
                            {
                                line[x] += row[ox];
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>The output columns [x0, x1) whose input column ox·stride − pad + kx lies inside [0, width).</summary>
    private static (int X0, int X1) ValidColumns(int width, int ow, int stride, int pad, int kx)
    {
        // x = ox·s − p + kx ≥ 0  ⇔  ox ≥ ceil((p − kx)/s);  x ≤ width − 1  ⇔  ox ≤ floor((width − 1 + p − kx)/s).
        int lo = pad - kx;
        int x0 = lo <= 0 ? 0 : (lo + stride - 1) / stride;
        int hi = width - 1 + pad - kx;
        int x1 = hi < 0 ? 0 : Math.Min(ow, hi / stride + 1);
        return (Math.Min(x0, x1), x1);
    }
}
