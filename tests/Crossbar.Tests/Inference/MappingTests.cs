using System.Numerics.Tensors;
using Crossbar.Config;
using Crossbar.Inference;
using Crossbar.Network;
using Crossbar.Numerics;

namespace Crossbar.Tests.Inference;

public class MappingTests
{
    internal static (ExperimentConfig Config, Mlp Float) Trained(string inference)
    {
        var config = ExperimentLoader.FromText($$"""
            name: map
            network:
              layers: [20, 12, 4]
              hidden_activation: {kind: sigmoid}
            inference:
            {{inference}}
            """, "map.yaml");
        var net = NetworkBuilder.BuildFloat(config.Network, 3);
        var rng = CounterRng.ForStream(5, "train");
        var x = new float[20];
        for (int k = 0; k < 200; k++)
        {
            rng.FillUniform(x);
            net.Forward(x);
            net.BackwardAndUpdate(k % 4, 0.2f);
        }
        return (config, net);
    }

    internal static float[] Input(int seed)
    {
        var x = new float[20];
        CounterRng.ForStream((ulong)seed, "input").FillUniform(x);
        return x;
    }

    [Fact]
    public void Ideal_mapping_without_noise_reproduces_the_float_network()
    {
        var (config, net) = Trained("  drift: {}");
        var mapped = MappedNetwork.Map(config, net, 11);
        for (int s = 0; s < 20; s++)
        {
            var x = Input(s);
            var expected = net.Forward(x).ToArray();
            var got = mapped.Network.Forward(x).ToArray();
            for (int j = 0; j < expected.Length; j++)
            {
                Assert.Equal(expected[j], got[j], 5);
            }
        }
        // Weights as read back equal the float weights, and max|w| lands on g_max.
        for (int l = 0; l < net.Layers.Count; l++)
        {
            var a = new float[((DenseLayer)net.Layers[l]).Weights.Length];
            var b = new float[a.Length];
            net.Layers[l].CopyWeights(a);
            mapped.Layers[l].CopyWeights(b);
            for (int i = 0; i < a.Length; i++)
            {
                Assert.Equal(a[i], b[i], 5);
            }
            Assert.Equal(25.0, mapped.Layers[l].Targets.ToArray().Max(), 9);
        }
    }

    [Fact]
    public void Mapped_programming_noise_matches_the_model_sigma()
    {
        var (config, net) = Trained("  pcm_noise: {read_noise_scale: 0}\n  drift: {}");
        var mapped = MappedNetwork.Map(config, net, 2);
        var pcm = mapped.Pcm!;
        // Devices at target g_min = 0 are clipped at 0; use every device whose target is above 5 µS.
        double z = 0;
        int n = 0;
        foreach (var layer in mapped.Layers)
        {
            for (int d = 0; d < layer.Targets.Length; d++)
            {
                double t = layer.Targets[d];
                if (t > 5)
                {
                    double e = (layer.Programmed[d] - t) / pcm.ProgrammingSigma(t);
                    z += e * e;
                    n++;
                }
            }
        }
        Assert.True(n > 50, $"only {n} devices above 5 µS");
        Assert.InRange(Math.Sqrt(z / n), 0.8, 1.2);
    }

    [Fact]
    public void Drift_lowers_weights_by_the_exponent_and_compensation_restores_the_scale()
    {
        var (config, net) = Trained("  pcm_noise: {prog_noise_scale: 0, read_noise_scale: 0}\n  drift: {}");
        var mapped = MappedNetwork.Map(config, net, 4);
        var layer = mapped.Layers[0];
        const double t = 86400;
        mapped.Realize(t, 4, 1);
        var nu = layer.Tile.Devices.Nu!;
        for (int d = 0; d < nu.Length; d += 7)
        {
            double expected = layer.Programmed[d] * Math.Pow((t + 20) / 20, -nu[d]);
            Assert.Equal(expected, layer.Tile.Devices.Present(d), 9);
            Assert.InRange(nu[d], 0.0, 0.3);
        }

        var x = Input(99);
        mapped.Realize(0, 4, 0);
        var compensator = new DriftCompensator(DriftProbe.Ones, config.Network, null, 0);
        double[] reference = compensator.Reference(mapped);
        var z0 = new float[12];
        layer.Forward(x, z0);
        mapped.Realize(31536000, 4, 2);
        var zDrift = new float[12];
        layer.Forward(x, zDrift);
        double shrink = TensorPrimitives.Norm(zDrift) / TensorPrimitives.Norm(z0);
        Assert.InRange(shrink, 0.3, 0.8); // ν ≈ 0.05–0.1 over ln(1.6e6) ≈ 14: factor 0.25–0.5
        compensator.Compensate(mapped, reference);
        var zComp = new float[12];
        layer.Forward(x, zComp);
        Assert.InRange(TensorPrimitives.Norm(zComp) / TensorPrimitives.Norm(z0), 0.9, 1.1);
        // The compensated ones-read of layer 0 equals its reference read.
        var ones = new float[20];
        ones.AsSpan().Fill(1f);
        var zOnes = new float[12];
        layer.Forward(ones, zOnes);
        Assert.Equal(reference[0], TensorPrimitives.SumOfMagnitudes(zOnes) / 12, 4);
    }

    [Fact]
    public void Program_verify_reaches_tolerance_and_open_loop_ignores_variation()
    {
        var (config, net) = Trained("""
              mapping: {method: program_verify, tolerance: 0.01, max_pulses: 2000}
              drift: {}
            """);
        config.Device = new IdealDeviceConfig { GMin = 0, GMax = 1, Step = 0.002, Variation = 0.2 };
        var mapped = MappedNetwork.Map(config, net, 6);
        var layer = mapped.Layers[0];
        var d = layer.Tile.Devices;
        int unreachable = 0;
        for (int i = 0; i < d.Count; i++)
        {
            // Verify reads include the device's X; a target above X·g_max cannot be reached.
            if (layer.Targets[i] - 0.01 > d.Variation![i] * d.Max(i))
            {
                unreachable++;
                continue;
            }
            Assert.InRange(d.Present(i) - layer.Targets[i], -0.0101, 0.0101);
        }
        Assert.Equal(unreachable, layer.FailedDevices);

        config.Inference!.Mapping.Method = MappingMethod.OpenLoop;
        mapped = MappedNetwork.Map(config, net, 6);
        layer = mapped.Layers[0];
        d = layer.Tile.Devices;
        for (int i = 0; i < d.Count; i++)
        {
            Assert.InRange(d.PresentNominal(i) - layer.Targets[i], -0.0011, 0.0011); // nearest nominal level
        }
    }

    [Fact]
    public void Mapped_network_file_round_trips_bit_for_bit()
    {
        var (config, net) = Trained("  pcm_noise: {}\n  drift: {}");
        var mapped = MappedNetwork.Map(config, net, 8);
        mapped.Realize(3600, 8, 1);
        mapped.Layers[1].Scale = 1.25;
        string path = Path.Combine(Cli.CliHarness.TempDir(), "mapped.cbm");
        MappedNetworkFile.Save(path, config, mapped);
        var loaded = MappedNetworkFile.Load(path);
        for (int s = 0; s < 5; s++)
        {
            var x = Input(s);
            Assert.Equal(mapped.Network.Forward(x).ToArray(), loaded.Network.Forward(x).ToArray());
        }
        for (int l = 0; l < 2; l++)
        {
            Assert.Equal(mapped.Layers[l].Tile.Devices.Nu, loaded.Layers[l].Tile.Devices.Nu);
            Assert.Equal(mapped.Layers[l].Programmed.ToArray(), loaded.Layers[l].Programmed.ToArray());
        }
        var e = Assert.Throws<CrossbarException>(() => Crossbar.Persistence.ModelFile.Load(path));
        Assert.Contains("analog", e.Message);
    }
}
