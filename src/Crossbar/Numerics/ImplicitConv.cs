using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Crossbar.Numerics;

/// <summary>
/// Stride-1 convolution as an implicit GEMM: the register tile of <see cref="Gemm"/> reads its B rows straight
/// from a zero-padded copy of the image instead of an unrolled column matrix. Depth p = (c·kh + ky)·kw + kx of a
/// 32-pixel strip is two 16-float runs of the padded image at <c>offsets[p]</c> past the strip's two row starts,
/// so the 9× larger im2col matrix is never written. Sums run in the same order (depth blocks of
/// <see cref="Gemm.KC"/>, one fused chain per element) as im2col followed by <see cref="Gemm.Multiply"/>, so the
/// two paths give the same bits. Needs 512-bit vectors, output widths that are multiples of 16 (planes of whole 32-pixel strips) and a multiple of
/// <see cref="Gemm.MR"/> output channels; <see cref="Supports"/> says when.
/// </summary>
public static unsafe class ImplicitConv
{
    public static bool Supports(int outChannels, int outHeight, int outWidth) =>
        Gemm.Isa == GemmIsa.Vector512 && (outWidth % 16 == 0 || outWidth == 8) && outHeight * outWidth % Gemm.NR == 0 && outChannels % Gemm.MR == 0;

    /// <summary>Floats of <see cref="PackWeights"/>' output for an m × k kernel matrix.</summary>
    public static int PackedWeightsLength(int m, int k) => m * k;

    /// <summary>W (m × k, row-major) in the order the tile reads it: per depth block, per strip of MR rows, k-major.</summary>
    public static void PackWeights(ReadOnlySpan<float> w, int m, int k, Span<float> packed)
    {
        for (int pc = 0; pc < k; pc += Gemm.KC)
        {
            int kc = Math.Min(Gemm.KC, k - pc);
            for (int s = 0; s < m; s += Gemm.MR)
            {
                var dst = packed.Slice(pc * m + s * kc, Gemm.MR * kc);
                for (int r = 0; r < Gemm.MR; r++)
                {
                    var row = w.Slice((s + r) * k + pc, kc);
                    for (int p = 0; p < kc; p++)
                    {
                        dst[p * Gemm.MR + r] = row[p];
                    }
                }
            }
        }
    }

    /// <summary>Flips a kernel for the input gradient of a stride-1 convolution: W′[ci, co, ky, kx] = W[co, ci, kh−1−ky, kw−1−kx].</summary>
    public static void FlipForInputGradient(ReadOnlySpan<float> w, int outChannels, int inChannels, int kh, int kw, Span<float> flipped)
    {
        for (int co = 0; co < outChannels; co++)
        {
            for (int ci = 0; ci < inChannels; ci++)
            {
                for (int ky = 0; ky < kh; ky++)
                {
                    for (int kx = 0; kx < kw; kx++)
                    {
                        flipped[((ci * outChannels + co) * kh + ky) * kw + kx] = w[((co * inChannels + ci) * kh + kh - 1 - ky) * kw + kw - 1 - kx];
                    }
                }
            }
        }
    }

    /// <summary>Padded plane size: (h + 2·pad) × (w + 2·pad) per channel.</summary>
    public static int PaddedLength(int channels, int height, int width, int pad) => channels * (height + 2 * pad) * (width + 2 * pad);

    /// <summary>Copies C×H×W into the middle of a zeroed C×(H+2p)×(W+2p) buffer (its border stays zero between calls).</summary>
    public static void Pad(ReadOnlySpan<float> image, int channels, int height, int width, int pad, Span<float> padded, bool clearBorder)
    {
        int hp = height + 2 * pad, wp = width + 2 * pad;
        if (clearBorder)
        {
            padded[..PaddedLength(channels, height, width, pad)].Clear();
        }
        for (int c = 0; c < channels; c++)
        {
            for (int y = 0; y < height; y++)
            {
                image.Slice((c * height + y) * width, width).CopyTo(padded.Slice((c * hp + y + pad) * wp + pad, width));
            }
        }
    }

    /// <summary>offsets[p] = c·hp·wp + ky·wp + kx: where depth p reads, relative to an output pixel's corner.</summary>
    public static void Offsets(int channels, int kh, int kw, int hp, int wp, Span<int> offsets)
    {
        for (int c = 0; c < channels; c++)
        {
            for (int ky = 0; ky < kh; ky++)
            {
                for (int kx = 0; kx < kw; kx++)
                {
                    offsets[(c * kh + ky) * kw + kx] = (c * hp + ky) * wp + kx;
                }
            }
        }
    }

    /// <summary>output[m × oh·ow] = W · unrolled(padded), W packed by <see cref="PackWeights"/> (m × k, k = offsets.Length).</summary>
    public static void Forward(ReadOnlySpan<float> packedWeights, int m, ReadOnlySpan<int> offsets, ReadOnlySpan<float> padded,
        int wp, int oh, int ow, Span<float> output)
    {
        int k = offsets.Length, n = oh * ow;
        if (!Supports(m, oh, ow) || output.Length < m * n || packedWeights.Length < m * k)
        {
            throw new ArgumentException($"implicit convolution: {m} output channels, width {ow}, {output.Length} output floats for {m}×{n}");
        }
        fixed (float* pw = packedWeights, img = padded, c = output)
        fixed (int* off = offsets)
        {
            for (int pc = 0; pc < k; pc += Gemm.KC)
            {
                int kc = Math.Min(Gemm.KC, k - pc);
                bool add = pc > 0;
                for (int j = 0; j < n; j += Gemm.NR)
                {
                    // The strip's two 16-pixel halves each lie in one output row (ow a multiple of 16), or in two
                    // consecutive rows of 8 (ow = 8).
                    int base0 = j / ow * wp + j % ow, j1 = j + 16;
                    int base1 = j1 / ow * wp + j1 % ow;
                    for (int s = 0; s < m; s += Gemm.MR)
                    {
                        if (ow == 8)
                        {
                            TileRows8(kc, pw + pc * m + s * kc, img + base0, img + base1, wp, off + pc, c + (long)s * n + j, n, add);
                        }
                        else
                        {
                            Tile(kc, pw + pc * m + s * kc, img + base0, img + base1, off + pc, c + (long)s * n + j, n, add);
                        }
                    }
                }
            }
        }
    }

    /// <summary><see cref="GemmKernels.Tile512"/> with B's rows gathered at b0/b1 + offsets[p].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile(int kc, float* a, float* b0p, float* b1p, int* off, float* c, int ldc, bool accumulate)
    {
        var c00 = Vector512<float>.Zero; var c01 = Vector512<float>.Zero;
        var c10 = Vector512<float>.Zero; var c11 = Vector512<float>.Zero;
        var c20 = Vector512<float>.Zero; var c21 = Vector512<float>.Zero;
        var c30 = Vector512<float>.Zero; var c31 = Vector512<float>.Zero;
        var c40 = Vector512<float>.Zero; var c41 = Vector512<float>.Zero;
        var c50 = Vector512<float>.Zero; var c51 = Vector512<float>.Zero;
        var c60 = Vector512<float>.Zero; var c61 = Vector512<float>.Zero;
        var c70 = Vector512<float>.Zero; var c71 = Vector512<float>.Zero;
        for (int p = 0; p < kc; p++)
        {
            int o = off[p];
            var b0 = Vector512.Load(b0p + o);
            var b1 = Vector512.Load(b1p + o);
            var a0 = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00); c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector512.Create(a[1]);
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10); c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector512.Create(a[2]);
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20); c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector512.Create(a[3]);
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30); c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector512.Create(a[4]);
            c40 = Vector512.FusedMultiplyAdd(a4, b0, c40); c41 = Vector512.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector512.Create(a[5]);
            c50 = Vector512.FusedMultiplyAdd(a5, b0, c50); c51 = Vector512.FusedMultiplyAdd(a5, b1, c51);
            var a6 = Vector512.Create(a[6]);
            c60 = Vector512.FusedMultiplyAdd(a6, b0, c60); c61 = Vector512.FusedMultiplyAdd(a6, b1, c61);
            var a7 = Vector512.Create(a[7]);
            c70 = Vector512.FusedMultiplyAdd(a7, b0, c70); c71 = Vector512.FusedMultiplyAdd(a7, b1, c71);
            a += Gemm.MR;
        }
        GemmKernels.Store512(c, c00, c01, accumulate); c += ldc;
        GemmKernels.Store512(c, c10, c11, accumulate); c += ldc;
        GemmKernels.Store512(c, c20, c21, accumulate); c += ldc;
        GemmKernels.Store512(c, c30, c31, accumulate); c += ldc;
        GemmKernels.Store512(c, c40, c41, accumulate); c += ldc;
        GemmKernels.Store512(c, c50, c51, accumulate); c += ldc;
        GemmKernels.Store512(c, c60, c61, accumulate); c += ldc;
        GemmKernels.Store512(c, c70, c71, accumulate);
    }

    /// <summary><see cref="Tile"/> for 8-pixel rows: each 16-lane vector is two image rows, wp apart.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TileRows8(int kc, float* a, float* b0p, float* b1p, int wp, int* off, float* c, int ldc, bool accumulate)
    {
        var c00 = Vector512<float>.Zero; var c01 = Vector512<float>.Zero;
        var c10 = Vector512<float>.Zero; var c11 = Vector512<float>.Zero;
        var c20 = Vector512<float>.Zero; var c21 = Vector512<float>.Zero;
        var c30 = Vector512<float>.Zero; var c31 = Vector512<float>.Zero;
        var c40 = Vector512<float>.Zero; var c41 = Vector512<float>.Zero;
        var c50 = Vector512<float>.Zero; var c51 = Vector512<float>.Zero;
        var c60 = Vector512<float>.Zero; var c61 = Vector512<float>.Zero;
        var c70 = Vector512<float>.Zero; var c71 = Vector512<float>.Zero;
        for (int p = 0; p < kc; p++)
        {
            int o = off[p];
            var b0 = Vector512.Create(Vector256.Load(b0p + o), Vector256.Load(b0p + wp + o));
            var b1 = Vector512.Create(Vector256.Load(b1p + o), Vector256.Load(b1p + wp + o));
            var a0 = Vector512.Create(a[0]);
            c00 = Vector512.FusedMultiplyAdd(a0, b0, c00); c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector512.Create(a[1]);
            c10 = Vector512.FusedMultiplyAdd(a1, b0, c10); c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector512.Create(a[2]);
            c20 = Vector512.FusedMultiplyAdd(a2, b0, c20); c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector512.Create(a[3]);
            c30 = Vector512.FusedMultiplyAdd(a3, b0, c30); c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector512.Create(a[4]);
            c40 = Vector512.FusedMultiplyAdd(a4, b0, c40); c41 = Vector512.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector512.Create(a[5]);
            c50 = Vector512.FusedMultiplyAdd(a5, b0, c50); c51 = Vector512.FusedMultiplyAdd(a5, b1, c51);
            var a6 = Vector512.Create(a[6]);
            c60 = Vector512.FusedMultiplyAdd(a6, b0, c60); c61 = Vector512.FusedMultiplyAdd(a6, b1, c61);
            var a7 = Vector512.Create(a[7]);
            c70 = Vector512.FusedMultiplyAdd(a7, b0, c70); c71 = Vector512.FusedMultiplyAdd(a7, b1, c71);
            a += Gemm.MR;
        }
        GemmKernels.Store512(c, c00, c01, accumulate); c += ldc;
        GemmKernels.Store512(c, c10, c11, accumulate); c += ldc;
        GemmKernels.Store512(c, c20, c21, accumulate); c += ldc;
        GemmKernels.Store512(c, c30, c31, accumulate); c += ldc;
        GemmKernels.Store512(c, c40, c41, accumulate); c += ldc;
        GemmKernels.Store512(c, c50, c51, accumulate); c += ldc;
        GemmKernels.Store512(c, c60, c61, accumulate); c += ldc;
        GemmKernels.Store512(c, c70, c71, accumulate);
    }

    /// <summary>
    /// Whether <see cref="WeightGradient"/> takes this shape: 512-bit vectors, rows of whole 16-pixel runs, channels
    /// in fours. (Rows of 8 as pairs were measured slower than im2col + <see cref="Gemm"/> for ResNet-20's last stage.)
    /// </summary>
    public static bool SupportsWeightGradient(int outChannels, int outHeight, int outWidth) =>
        Gemm.Isa == GemmIsa.Vector512 && outWidth % 16 == 0 && outChannels % 4 == 0;

    /// <summary>
    /// dW[i, j] (+)= Σ_images Σ_pixels dY[i, pixel] · unrolled(padded)[j, pixel] over <paramref name="images"/>
    /// consecutive images (dY at stride m·oh·ow, padded copies at stride <paramref name="paddedStride"/>); dW is
    /// m × k (k = offsets.Length). Both operands run contiguously along the pixels, so this is a dot-product
    /// kernel: 4×4 outputs in sixteen vector accumulators over every pixel of every image, summed across lanes
    /// once at the end. It needs neither packing nor an im2col matrix; callers pass a few images at a time, as
    /// many as stay in L2, so the lane sums are paid rarely.
    /// </summary>
    public static void WeightGradient(ReadOnlySpan<float> dy, int m, ReadOnlySpan<int> offsets, ReadOnlySpan<float> padded, int paddedStride,
        int images, int wp, int oh, int ow, Span<float> dw, bool accumulate)
    {
        int k = offsets.Length, n = oh * ow;
        if (!SupportsWeightGradient(m, oh, ow) || dy.Length < images * m * n || padded.Length < (images - 1) * paddedStride || dw.Length < m * k)
        {
            throw new ArgumentException($"implicit weight gradient: {m} channels, {oh}×{ow}, {images} images");
        }
        fixed (float* g = dy, img = padded, w = dw)
        fixed (int* off = offsets)
        {
            var geo = new Geometry(n, m * n, paddedStride, images, wp, oh, ow);
            for (int i = 0; i < m; i += 4)
            {
                int j = 0;
                for (; j + 4 <= k; j += 4)
                {
                    Dot4x4(g + (long)i * n, img, off + j, geo, w + (long)i * k + j, k, accumulate);
                }
                for (; j < k; j++)
                {
                    Dot4x1(g + (long)i * n, img + off[j], geo, w + (long)i * k + j, k, accumulate);
                }
            }
        }
    }

    /// <summary>Strides of the weight-gradient operands: channel plane, image in dY, image in the padded buffer.</summary>
    private readonly record struct Geometry(int Plane, int ImageDy, int ImagePadded, int Images, int Wp, int Oh, int Ow);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Dot4x4(float* g, float* img, int* off, Geometry geo, float* w, int ldw, bool accumulate)
    {
        var s00 = Vector512<float>.Zero; var s01 = Vector512<float>.Zero; var s02 = Vector512<float>.Zero; var s03 = Vector512<float>.Zero;
        var s10 = Vector512<float>.Zero; var s11 = Vector512<float>.Zero; var s12 = Vector512<float>.Zero; var s13 = Vector512<float>.Zero;
        var s20 = Vector512<float>.Zero; var s21 = Vector512<float>.Zero; var s22 = Vector512<float>.Zero; var s23 = Vector512<float>.Zero;
        var s30 = Vector512<float>.Zero; var s31 = Vector512<float>.Zero; var s32 = Vector512<float>.Zero; var s33 = Vector512<float>.Zero;
        int o0 = off[0], o1 = off[1], o2 = off[2], o3 = off[3];
        int n = geo.Plane, wp = geo.Wp, ow = geo.Ow;
        for (int im = 0; im < geo.Images; im++)
        {
            float* gi = g + (long)im * geo.ImageDy;
            float* pi = img + (long)im * geo.ImagePadded;
            for (int oy = 0; oy < geo.Oh; oy++)
            {
                float* gr = gi + oy * ow;
                float* pr = pi + oy * wp;
                for (int x = 0; x < ow; x += 16)
                {
                    var b0 = Vector512.Load(pr + o0 + x);
                    var b1 = Vector512.Load(pr + o1 + x);
                    var b2 = Vector512.Load(pr + o2 + x);
                    var b3 = Vector512.Load(pr + o3 + x);
                    var a = Vector512.Load(gr + x);
                    s00 = Vector512.FusedMultiplyAdd(a, b0, s00); s01 = Vector512.FusedMultiplyAdd(a, b1, s01);
                    s02 = Vector512.FusedMultiplyAdd(a, b2, s02); s03 = Vector512.FusedMultiplyAdd(a, b3, s03);
                    a = Vector512.Load(gr + n + x);
                    s10 = Vector512.FusedMultiplyAdd(a, b0, s10); s11 = Vector512.FusedMultiplyAdd(a, b1, s11);
                    s12 = Vector512.FusedMultiplyAdd(a, b2, s12); s13 = Vector512.FusedMultiplyAdd(a, b3, s13);
                    a = Vector512.Load(gr + 2 * n + x);
                    s20 = Vector512.FusedMultiplyAdd(a, b0, s20); s21 = Vector512.FusedMultiplyAdd(a, b1, s21);
                    s22 = Vector512.FusedMultiplyAdd(a, b2, s22); s23 = Vector512.FusedMultiplyAdd(a, b3, s23);
                    a = Vector512.Load(gr + 3 * n + x);
                    s30 = Vector512.FusedMultiplyAdd(a, b0, s30); s31 = Vector512.FusedMultiplyAdd(a, b1, s31);
                    s32 = Vector512.FusedMultiplyAdd(a, b2, s32); s33 = Vector512.FusedMultiplyAdd(a, b3, s33);
                }
            }
        }
        Put(w, Vector512.Sum(s00), accumulate); Put(w + 1, Vector512.Sum(s01), accumulate); Put(w + 2, Vector512.Sum(s02), accumulate); Put(w + 3, Vector512.Sum(s03), accumulate);
        w += ldw;
        Put(w, Vector512.Sum(s10), accumulate); Put(w + 1, Vector512.Sum(s11), accumulate); Put(w + 2, Vector512.Sum(s12), accumulate); Put(w + 3, Vector512.Sum(s13), accumulate);
        w += ldw;
        Put(w, Vector512.Sum(s20), accumulate); Put(w + 1, Vector512.Sum(s21), accumulate); Put(w + 2, Vector512.Sum(s22), accumulate); Put(w + 3, Vector512.Sum(s23), accumulate);
        w += ldw;
        Put(w, Vector512.Sum(s30), accumulate); Put(w + 1, Vector512.Sum(s31), accumulate); Put(w + 2, Vector512.Sum(s32), accumulate); Put(w + 3, Vector512.Sum(s33), accumulate);
    }

    private static void Dot4x1(float* g, float* b, Geometry geo, float* w, int ldw, bool accumulate)
    {
        var s0 = Vector512<float>.Zero; var s1 = Vector512<float>.Zero; var s2 = Vector512<float>.Zero; var s3 = Vector512<float>.Zero;
        int n = geo.Plane, wp = geo.Wp, ow = geo.Ow;
        for (int im = 0; im < geo.Images; im++)
        {
            float* gi = g + (long)im * geo.ImageDy;
            float* bi = b + (long)im * geo.ImagePadded;
            for (int oy = 0; oy < geo.Oh; oy++)
            {
                float* gr = gi + oy * ow;
                float* br = bi + oy * wp;
                for (int x = 0; x < ow; x += 16)
                {
                    var bv = Vector512.Load(br + x);
                    s0 = Vector512.FusedMultiplyAdd(Vector512.Load(gr + x), bv, s0);
                    s1 = Vector512.FusedMultiplyAdd(Vector512.Load(gr + n + x), bv, s1);
                    s2 = Vector512.FusedMultiplyAdd(Vector512.Load(gr + 2 * n + x), bv, s2);
                    s3 = Vector512.FusedMultiplyAdd(Vector512.Load(gr + 3 * n + x), bv, s3);
                }
            }
        }
        Put(w, Vector512.Sum(s0), accumulate);
        Put(w + ldw, Vector512.Sum(s1), accumulate);
        Put(w + 2 * ldw, Vector512.Sum(s2), accumulate);
        Put(w + 3 * ldw, Vector512.Sum(s3), accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Put(float* w, float v, bool accumulate) => *w = accumulate ? *w + v : v;
}
