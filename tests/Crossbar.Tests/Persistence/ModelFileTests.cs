using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using System.Text.Json.Nodes;
using Crossbar.Config;
using Crossbar.Network;
using Crossbar.Persistence;
using Crossbar.Tests.Cli;

namespace Crossbar.Tests.Persistence;

public class ModelFileTests
{
    private static (ExperimentConfig, Mlp, string) Saved()
    {
        var config = ExperimentLoader.FromText("name: m\nnetwork:\n  layers: [6, 5, 3]\n  hidden_activation: {kind: hard_sigmoid, c: 2}\n", "m.yaml");
        var net = NetworkBuilder.BuildFloat(config.Network, 42);
        net.Forward([1, 0, 0.5f, 0.25f, 0, 1]);
        net.BackwardAndUpdate(2, 0.3f); // weights no longer equal a fresh initialisation
        string path = Path.Combine(CliHarness.TempDir(), "model.cbm");
        ModelFile.Save(path, config, net);
        return (config, net, path);
    }

    [Fact]
    public void Round_trip_is_bit_for_bit()
    {
        var (config, net, path) = Saved();
        var (config2, net2) = ModelFile.Load(path);
        Assert.Equal(ConfigWriter.ToYaml(config), ConfigWriter.ToYaml(config2));
        for (int l = 0; l < net.Layers.Count; l++)
        {
            var a = ((DenseLayer)net.Layers[l]).Weights.ToArray();
            var b = ((DenseLayer)net2.Layers[l]).Weights.ToArray();
            Assert.Equal(a, b);
        }
        float[] x = [0.3f, 0.1f, 0, 0.9f, 0.2f, 0.4f];
        Assert.Equal(net.Forward(x).ToArray(), net2.Forward(x).ToArray());
    }

    [Fact]
    public void Flipped_byte_is_a_checksum_error()
    {
        var (_, _, path) = Saved();
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<CrossbarException>(() => ModelFile.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("corrupt", e.Message);
    }

    [Fact]
    public void Truncated_file_is_rejected()
    {
        var (_, _, path) = Saved();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length - 100)]);
        var e = Assert.Throws<CrossbarException>(() => ModelFile.Load(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void Not_a_model_and_unknown_version_are_rejected()
    {
        var (_, _, path) = Saved();
        var bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), 99);
        File.WriteAllBytes(path, bytes);
        Assert.Contains("version 99 is not supported", Assert.Throws<CrossbarException>(() => ModelFile.Load(path)).Message);
        File.WriteAllText(path, "layers: [1, 2]\n");
        Assert.Contains("not a Crossbar model file", Assert.Throws<CrossbarException>(() => ModelFile.Load(path)).Message);
    }

    [Fact]
    public void Layer_sizes_that_do_not_match_the_sections_are_rejected()
    {
        var (_, _, path) = Saved();
        var bytes = File.ReadAllBytes(path);
        // Rewrite the header's config to a different topology, keeping the sections and a valid checksum.
        int headerLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12));
        var header = JsonNode.Parse(bytes.AsSpan(16, headerLength))!.AsObject();
        header["config"] = header["config"]!.GetValue<string>().Replace("layers: [6, 5, 3]", "layers: [6, 4, 3]");
        byte[] newHeader = Encoding.UTF8.GetBytes(header.ToJsonString());
        var rest = bytes.AsSpan(16 + headerLength, bytes.Length - 8 - 16 - headerLength).ToArray();
        var body = new List<byte>(bytes[..12]);
        var len = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(len, (uint)newHeader.Length);
        body.AddRange(len);
        body.AddRange(newHeader);
        body.AddRange(rest);
        var hash = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(hash, XxHash64.HashToUInt64(body.ToArray()));
        body.AddRange(hash);
        File.WriteAllBytes(path, body.ToArray());
        var e = Assert.Throws<CrossbarException>(() => ModelFile.Load(path));
        Assert.Contains("6-4-3", e.Message);
    }

    [Fact]
    public void Device_state_sections_round_trip_and_unknown_kinds_are_rejected()
    {
        var (config, _, path) = Saved();
        double[] state = [1.5, -2.25, double.Epsilon, 1e300, 0.1, 7];
        ModelFile.Write(path, config, [ModelSection.OfFloats("a", 1, 2, [1f, 2f]), ModelSection.OfDeviceState("b", 2, 3, state)]);
        var c = ModelFile.Read(path);
        Assert.Equal(state, c.Section("b", ModelSection.DeviceState).Doubles);
        Assert.Equal([1f, 2f], c.Section("a", ModelSection.Float32).Floats!);
        Assert.Contains("section c is missing", Assert.Throws<CrossbarException>(() => c.Section("c", ModelSection.Float32)).Message);

        // Rename the kind in the header (same length, so only the checksum must be redone): unknown kind.
        var bytes = File.ReadAllBytes(path);
        string text = Encoding.Latin1.GetString(bytes);
        int at = text.IndexOf("device_state", StringComparison.Ordinal);
        Encoding.ASCII.GetBytes("device_stat3").CopyTo(bytes, at);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(bytes.Length - 8), XxHash64.HashToUInt64(bytes.AsSpan(0, bytes.Length - 8)));
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<CrossbarException>(() => ModelFile.Read(path));
        Assert.Contains("unknown kind 'device_stat3'", e.Message);
        Assert.Contains("float32, device_state", e.Message);
    }
}
