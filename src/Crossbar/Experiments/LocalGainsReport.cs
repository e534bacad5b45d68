using Crossbar.Config;
using Crossbar.Output;
using Crossbar.Plotting;
using Crossbar.Updates;

namespace Crossbar.Experiments;

/// <summary>
/// What Local Gains learned (000 Figs. 11–13): every neuron's g_x and g_δ as CSV, their CDFs per layer, and a map of
/// the input layer's g_x laid out as the image (22×24 or 28×28).
/// </summary>
public static class LocalGainsReport
{
    public static void Write(LocalGains lg, ExperimentConfig config, string outDir)
    {
        var table = new CsvTable("kind", "layer", "neuron", "gain");
        var cdf = new Plot { Title = $"{config.Name}: local gains after training", XLabel = "gain", YLabel = "CDF", XAxis = AxisScale.Log };
        for (int l = 0; l < lg.Layers; l++)
        {
            var gx = lg.Gx(l);
            if (gx.Length > 0)
            {
                for (int i = 0; i < gx.Length; i++)
                {
                    table.Add("g_x", l, i, gx[i]);
                }
                cdf.Cdf([.. gx.ToArray().Select(v => (double)v)], $"g_x, neuron layer {l}{(l == 0 ? " (input)" : "")}");
            }
        }
        for (int l = 1; l <= lg.Layers; l++)
        {
            var gd = lg.Gdelta(l);
            for (int j = 0; j < gd.Length; j++)
            {
                table.Add("g_delta", l, j, gd[j]);
            }
            cdf.Cdf([.. gd.ToArray().Select(v => (double)v)], $"g_δ, neuron layer {l}{(l == lg.Layers ? " (output)" : "")}",
                    SeriesStyle.Dashed);
        }
        table.Save(Path.Combine(outDir, "local_gains.csv"));
        if (!config.Output.Plots)
        {
            return;
        }
        PlotWriter.Save(cdf, Path.Combine(outDir, "local_gains_cdf"));
        var input = lg.Gx(0);
        var (rows, cols) = config.Data.Crop == InputCrop.Crop22x24 ? (22, 24) : (28, 28);
        if (input.Length == rows * cols)
        {
            var grid = new double[rows, cols];
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < cols; c++)
                {
                    grid[r, c] = input[r * cols + c];
                }
            }
            var map = new Plot { Title = $"{config.Name}: input-layer g_x ({ConfigNaming.EnumName(lg.Variant)} LG)", XLabel = "pixel column", YLabel = "pixel row" };
            map.Add(new HeatMap(grid, 0, cols, 0, rows) { ColorLabel = "g_x", RowZeroAtTop = true });
            PlotWriter.Save(map, Path.Combine(outDir, "gx_map"));
        }
    }
}
