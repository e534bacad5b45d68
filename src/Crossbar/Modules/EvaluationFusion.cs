using Crossbar.Modules.Layers;

namespace Crossbar.Modules;

/// <summary>
/// Which nodes an evaluation pass runs fused: a convolution (or residual addition) whose only reader is a batch norm
/// and/or a ReLU does their work in its own pass, example by example, and writes into the last absorbed node's output;
/// the absorbed nodes are skipped. This saves two passes over memory per block in inference and is bit-identical
/// (see <see cref="ChannelEpilogue"/>). Training passes are never fused: backward needs every intermediate output.
/// </summary>
internal sealed class EvaluationFusion
{
    private EvaluationFusion(ChannelEpilogue?[] epilogues, int[] targets, bool[] absorbed)
    {
        Epilogues = epilogues;
        Targets = targets;
        Absorbed = absorbed;
    }

    /// <summary>Per node: the epilogue it runs when it heads a fused group, else null.</summary>
    public ChannelEpilogue?[] Epilogues { get; }

    /// <summary>Per head: the node whose output tensor receives the fused result.</summary>
    public int[] Targets { get; }

    /// <summary>Per node: true when a head does its work (its output tensor is then not written).</summary>
    public bool[] Absorbed { get; }

    public static EvaluationFusion Plan(IReadOnlyList<Node> nodes)
    {
        int count = nodes.Count;
        var readers = new int[count];
        var reader = new int[count];
        for (int k = 0; k < count; k++)
        {
            foreach (int j in nodes[k].Inputs)
            {
                if (j >= 0)
                {
                    readers[j]++;
                    reader[j] = k;
                }
            }
        }
        // The graph's output is read by the caller too, so it never has a single reader inside the graph.
        readers[count - 1]++;
        int? SoleReader(int k) => readers[k] == 1 ? reader[k] : null;

        var epilogues = new ChannelEpilogue?[count];
        var targets = new int[count];
        var absorbed = new bool[count];
        for (int k = 0; k < count; k++)
        {
            if (nodes[k].Module is not IEvaluationFusion head)
            {
                continue;
            }
            int last = k;
            IChannelAffine? affine = null;
            if (head.AcceptsAffine && SoleReader(last) is int j && nodes[j].Module is IChannelAffine a)
            {
                affine = a;
                absorbed[j] = true;
                last = j;
            }
            bool relu = false;
            if (SoleReader(last) is int r && nodes[r].Module is Relu)
            {
                relu = true;
                absorbed[r] = true;
                last = r;
            }
            if (last != k)
            {
                epilogues[k] = new ChannelEpilogue(nodes[k].Shape.Channels, affine, relu);
                targets[k] = last;
            }
        }
        return new EvaluationFusion(epilogues, targets, absorbed);
    }
}
