using System.Text.Json.Nodes;
using Crossbar.Config;
using Crossbar.Persistence;

namespace Crossbar.Inference;

/// <summary>
/// Saves a mapped (programmed) network in the model file format: per layer the device_state sections
/// <c>layer{l}.targets</c>, <c>.programmed</c>, <c>.stored</c> and, when the devices have them, <c>.nu</c>,
/// <c>.variation</c>, <c>.reference_time</c> (one row per device plane), plus an <c>analog</c> header entry with the
/// gain, compensation scale and clock. Loading rebuilds the tiles and restores every device bit for bit.
/// </summary>
public static class MappedNetworkFile
{
    public static void Save(string path, ExperimentConfig config, MappedNetwork net)
    {
        var sections = new List<ModelSection>();
        var analog = new JsonArray();
        for (int l = 0; l < net.Layers.Count; l++)
        {
            var layer = net.Layers[l];
            var tile = layer.Tile;
            var d = tile.Devices;
            int planes = tile.Signs * tile.DevicesPerSign, cells = tile.Rows * tile.Columns;
            void Add(string what, ReadOnlySpan<double> values) =>
                sections.Add(ModelSection.OfDeviceState($"layer{l}.{what}", planes, cells, values.ToArray()));
            Add("targets", layer.Targets);
            Add("programmed", layer.Programmed);
            Add("stored", d.Stored);
            if (d.Nu is not null)
            {
                Add("nu", d.Nu);
            }
            if (d.Variation is not null)
            {
                Add("variation", d.Variation);
            }
            if (d.ReferenceTime is not null)
            {
                Add("reference_time", d.ReferenceTime);
            }
            analog.Add(new JsonObject { ["layer"] = l, ["gain"] = layer.Gain, ["scale"] = layer.Scale, ["clock"] = tile.Time });
        }
        ModelFile.Write(path, config, sections, new JsonObject { ["analog"] = analog });
    }

    public static MappedNetwork Load(string path)
    {
        var contents = ModelFile.Read(path);
        var config = contents.Config;
        var analog = contents.Header["analog"] as JsonArray
            ?? throw ModelFile.Bad(path, "holds no mapped network (no analog header); it is a float model");
        int layers = config.Network.Layers.Length - 1;
        if (analog.Count != layers)
        {
            throw ModelFile.Bad(path, $"analog header lists {analog.Count} layers but its network {string.Join('-', config.Network.Layers)} has {layers}");
        }
        var gains = new double[layers];
        for (int l = 0; l < layers; l++)
        {
            gains[l] = analog[l]?["gain"]?.GetValue<double>() ?? throw ModelFile.Bad(path, $"analog entry {l} has no gain");
        }
        var net = MappedNetwork.Empty(config, gains);
        for (int l = 0; l < layers; l++)
        {
            var layer = net.Layers[l];
            var d = layer.Tile.Devices;
            double[] Get(string what, bool required)
            {
                string name = $"layer{l}.{what}";
                if (!required && contents.Sections.All(s => s.Name != name))
                {
                    return [];
                }
                var values = contents.Section(name, ModelSection.DeviceState).Doubles!;
                if (values.Length != d.Count)
                {
                    throw ModelFile.Bad(path, $"section {name} holds {values.Length} devices but layer {l} of {string.Join('-', config.Network.Layers)} has {d.Count}");
                }
                return values;
            }
            layer.RestoreProgrammed(Get("programmed", true), Get("targets", true));
            Get("stored", true).CopyTo(d.Stored, 0);
            Restore(path, l, "nu", Get("nu", false), d.Nu);
            Restore(path, l, "variation", Get("variation", false), d.Variation);
            Restore(path, l, "reference_time", Get("reference_time", false), d.ReferenceTime);
            layer.Scale = analog[l]?["scale"]?.GetValue<double>() ?? 1.0;
            layer.Tile.SetTime(analog[l]?["clock"]?.GetValue<double>() ?? 0.0);
        }
        return net;
    }

    private static void Restore(string path, int layer, string what, double[] values, double[]? target)
    {
        if ((values.Length == 0) != (target is null))
        {
            throw ModelFile.Bad(path, $"layer {layer}: the file {(values.Length == 0 ? "lacks" : "has")} {what} but the devices of its config {(target is null ? "have none" : "need it")}");
        }
        values.CopyTo(target ?? [], 0);
    }
}
