using Crossbar.Config;
using Crossbar.Devices;
using FsCheck;
using FsCheck.Fluent;
using static Crossbar.Tests.Devices.DeviceTestHelpers;

namespace Crossbar.Tests.Devices;

public class DeviceBehaviourTests
{
    public static readonly string[] AllModels =
    [
        "model: ideal\ng_min: 0.1\ng_max: 0.9\nstep: 0.05",
        "model: constant_step\nw_min: 0\nw_max: 1\ndw_min: 0.05\ndw_min_std: 2.0",
        "model: constant_step\ndw_min: 0.05",
        "model: linear_step\ngamma_up: 0.5\ngamma_down: 0.3\ndw_min: 0.05\nmult_noise: false\ndw_min_std: 1.5",
        "model: soft_bounds\nw_min: 0\nw_max: 1\ndw_min: 0.05",
        "model: exponential\nnonlinearity: 3\nn_max: 8\nstep_noise: 1.0",
        "model: jump_table\ntable: builtin:pcm",
        "model: jump_table\ntable: builtin:pcmo",
        "model: n_level\nlevels: 8\nsigma: 2.0",
        "model: pcm\nvariation: 0.3",
    ];

    [Fact]
    public void Bounds_are_never_violated_by_any_pulse_sequence()
    {
        foreach (var yaml in AllModels)
        {
            var devices = Array(yaml, count: 4, seed: 5);
            Prop.ForAll(ArbMap.Default.ArbFor<int[]>(), (int[] pulses) =>
            {
                foreach (int p in pulses)
                {
                    int d = Math.Abs(p) % devices.Count;
                    int n = 1 + Math.Abs(p / 7) % 5;
                    if (p >= 0)
                    {
                        devices.ApplySet(d, n);
                    }
                    else
                    {
                        devices.ApplyReset(d, n);
                    }
                    double g = devices.Stored[d];
                    if (g < devices.Min(d) || g > devices.Max(d))
                    {
                        return false;
                    }
                }
                return true;
            }).CheckFixed();
        }
    }

    [Fact]
    public void Pulse_counts_and_energy()
    {
        var devices = Array("model: ideal\nstep: 0.01", count: 3);
        devices.ApplySet(0, 5);
        devices.ApplyReset(0, 2);
        devices.ApplySetRange(1, [4, 1]);
        devices.ApplyResetRange(0, [0, 0, 3]);
        devices.FullReset(1);
        Assert.Equal([5, 4, 1], devices.SetPulses);
        Assert.Equal([2, 1, 3], devices.ResetPulses);
        Assert.Equal(10, devices.TotalSetPulses);
        Assert.Equal(6, devices.TotalResetPulses);
        Assert.Equal(10 * 3.0 + 6 * 30.0, devices.EnergyPj, 1e-9);

        var custom = Array("model: ideal\nset_energy_pj: 1.5\nreset_energy_pj: 12", count: 1);
        custom.ApplySet(0, 2);
        custom.ApplyReset(0, 1);
        Assert.Equal(15.0, custom.EnergyPj, 1e-12);
    }

    [Fact]
    public void Worn_out_devices_are_stuck_and_counts_stop_at_endurance()
    {
        var devices = Array("model: ideal\nstep: 0.01\nmax_pulses: 10", count: 1);
        devices.ApplySet(0, 8);
        devices.ApplyReset(0, 5); // only 2 land
        Assert.Equal(8, devices.SetPulses[0]);
        Assert.Equal(2, devices.ResetPulses[0]);
        Assert.True(devices.IsWornOut(0));
        double g = devices.Stored[0];
        devices.ApplySet(0, 3);
        devices.FullReset(0);
        Assert.Equal(g, devices.Stored[0]);
        Assert.Equal(10, devices.SetPulses[0] + devices.ResetPulses[0]);
        Assert.Equal(0.06, g, 1e-12);
    }

    [Fact]
    public void Same_seed_gives_the_same_devices_however_pulses_are_grouped()
    {
        int[] counts = [3, 0, 2, 1, 0, 4];
        foreach (var yaml in AllModels)
        {
            // The same runs of pulses per device, delivered by range, one device at a time in reverse, or scattered.
            var a = Array(yaml, count: 6, seed: 9);
            var b = Array(yaml, count: 6, seed: 9);
            var c = Array(yaml, count: 6, seed: 9);
            a.ApplySetRange(0, counts);
            for (int d = 5; d >= 0; d--)
            {
                b.ApplySet(d, counts[d]);
            }
            c.ApplySignedScattered(0, [5, 3, 2, 0], [counts[5], counts[3], counts[2], counts[0]]);
            a.ApplyResetAll(0, 6);
            for (int d = 0; d < 6; d++)
            {
                b.ApplyReset(d, 1);
            }
            c.ApplySignedScattered(0, [0, 1, 2, 3, 4, 5], [-1, -1, -1, -1, -1, -1]);
            Assert.Equal(a.Stored, b.Stored);
            Assert.Equal(a.Stored, c.Stored);
            if (!yaml.Contains("constant_step"))
            {
                // Models that apply every pulse as its own event: a run equals single pulses.
                var e = Array(yaml, count: 6, seed: 9);
                for (int d = 0; d < 6; d++)
                {
                    for (int i = 0; i < counts[d]; i++)
                    {
                        e.ApplySet(d, 1);
                    }
                }
                e.ApplyResetAll(0, 6);
                Assert.Equal(a.Stored, e.Stored);
            }
            if (!yaml.Contains("ideal") && !yaml.Contains("exponential"))
            {
                var f = Array(yaml, count: 6, seed: 10);
                var g = Array(yaml, count: 6, seed: 9);
                f.ApplySetRange(0, counts);
                g.ApplySetRange(0, counts);
                Assert.NotEqual(g.Stored, f.Stored);
            }
        }
    }

    [Fact]
    public void Scattered_pulses_equal_the_range_path_bit_for_bit()
    {
        // The SIMD scattered kernels (eight devices at a time, padded last group, rounds for runs near a bound)
        // against the scalar range path, for every model, both directions and runs of up to 40 pulses.
        var rng = new Random(3);
        foreach (var yaml in AllModels)
        {
            var a = Array(yaml, count: 300, seed: 4);
            var b = Array(yaml, count: 300, seed: 4);
            for (int round = 0; round < 6; round++)
            {
                var pulses = new int[300];
                for (int d = 0; d < pulses.Length; d++)
                {
                    pulses[d] = rng.Next(4) == 0 ? 0 : rng.Next(-40, 41);
                }
                a.ApplySignedRange(0, pulses);
                var columns = Enumerable.Range(0, 300).Where(d => pulses[d] != 0).OrderBy(_ => rng.Next()).ToArray();
                b.ApplySignedScattered(0, columns, [.. columns.Select(d => pulses[d])]);
                Assert.Equal(a.Stored, b.Stored);
                Assert.Equal(a.SetPulses, b.SetPulses);
                Assert.Equal(a.ResetPulses, b.ResetPulses);
            }
        }
    }

    [Fact]
    public void Constant_step_runs_far_from_a_bound_are_one_exact_draw()
    {
        // n pulses of Δw·(1 + σξ) sum to N(n·Δw, n·(σΔw)²): a run drawn as one event and the same pulses one at a
        // time must agree in mean and spread (aihwkit ConstantStep semantics, per pulse).
        const string yaml = "model: constant_step\ndw_min: 0.01\ndw_min_std: 0.3\ndw_min_dtod: 0\nup_down_dtod: 0\n" +
                            "w_min: -1\nw_max: 1\nw_min_dtod: 0\nw_max_dtod: 0\nreset_std: 0";
        const int count = 20_000, n = 10;
        var run = Array(yaml, count, seed: 1);
        var single = Array(yaml, count, seed: 2);
        for (int d = 0; d < count; d++)
        {
            run.ApplySet(d, n);
            for (int i = 0; i < n; i++)
            {
                single.ApplySet(d, 1);
            }
        }
        double expectedStd = Math.Sqrt(n) * 0.3 * 0.01;
        foreach (var devices in new[] { run, single })
        {
            double mean = devices.Stored.Average();
            double std = Math.Sqrt(devices.Stored.Select(g => (g - mean) * (g - mean)).Average());
            Assert.Equal(n * 0.01, mean, 4 * expectedStd / Math.Sqrt(count));
            Assert.Equal(expectedStd, std, 0.03 * expectedStd);
        }
        // Near the bound the run goes pulse by pulse and clips: it never passes w_max and ends on it.
        var edge = Array(yaml, 1, seed: 1);
        edge.Write(0, 0.995);
        edge.ApplySet(0, n);
        Assert.Equal(1.0, edge.Stored[0], 12);
        Assert.Equal(n, edge.SetPulses[0]);
    }

    [Fact]
    public void Device_to_device_factor_x_scales_the_read_conductance()
    {
        var devices = Array("model: ideal\nvariation: 0.25", count: 20_000);
        double mean = devices.Variation!.Average();
        double std = Math.Sqrt(devices.Variation!.Select(v => (v - mean) * (v - mean)).Average());
        Assert.Equal(1.0, mean, 0.01);
        Assert.Equal(0.25, std, 0.01);
        devices.Write(3, 0.4);
        Assert.Equal(0.4 * devices.Variation![3], devices.Present(3), 1e-15);
    }

    [Fact]
    public void Step_models_follow_aihwkit_semantics()
    {
        // No variation at all: ConstantStep moves by dw_min·(1 ± up_down) and clips at w_max.
        var cs = Array("model: constant_step\ndw_min: 0.1\nup_down: 0.2\ndw_min_dtod: 0\nup_down_dtod: 0\ndw_min_std: 0\nw_min_dtod: 0\nw_max_dtod: 0\nreset_std: 0");
        Assert.Equal(0.0, cs.Stored[0]);
        cs.ApplySet(0, 1);
        Assert.Equal(0.12, cs.Stored[0], 1e-7);
        cs.ApplyReset(0, 1);
        Assert.Equal(0.04, cs.Stored[0], 1e-7);
        cs.ApplySet(0, 100);
        Assert.Equal(0.6, cs.Stored[0], 1e-7);

        // SoftBounds: the up step is dw_min·(1 − w/w_max), zero at w_max.
        var sb = Array("model: soft_bounds\ndw_min: 0.1\nw_max: 1\nw_min: -1\ndw_min_dtod: 0\nup_down_dtod: 0\ndw_min_std: 0\nw_min_dtod: 0\nw_max_dtod: 0\nreset_std: 0");
        sb.ApplySet(0, 1);
        Assert.Equal(0.1, sb.Stored[0], 1e-7);
        sb.ApplySet(0, 1);
        Assert.Equal(0.1 + 0.1 * (1 - 0.1), sb.Stored[0], 1e-7);
        sb.ApplySet(0, 2000);
        Assert.True(sb.Stored[0] < 1.0 && sb.Stored[0] > 0.999);
    }

    [Fact]
    public void N_level_device_steps_by_b_with_gaussian_noise_of_sigma_b()
    {
        var c = (NLevelDeviceConfig)Device("model: n_level\ng_max: 15\non_off_ratio: 15\nlevels: 15\nsigma: 0.3");
        Assert.Equal(1.0, c.LevelSpacing, 1e-12);
        var devices = DeviceFactory.Create(c, 50_000, 4);
        Assert.All(devices.Stored, g => Assert.Equal(1.0, g));
        devices.ApplySetAll(0, devices.Count);
        double mean = devices.Stored.Average();
        double std = Math.Sqrt(devices.Stored.Select(v => (v - mean) * (v - mean)).Average());
        Assert.Equal(2.0, mean, 0.01);
        Assert.Equal(0.3, std, 0.01);

        // 003 Fig. 2: an event of 3 coincident pulses moves by 3B with one σ; per-pulse noise gives σ·√3.
        foreach (bool perEvent in new[] { true, false })
        {
            c.NoisePerEvent = perEvent;
            var a = DeviceFactory.Create(c, 50_000, 5);
            for (int d = 0; d < a.Count; d++)
            {
                a.ApplySet(d, 3);
            }
            double m = a.Stored.Average();
            double s = Math.Sqrt(a.Stored.Select(v => (v - m) * (v - m)).Average());
            Assert.Equal(4.0, m, 0.01);
            Assert.Equal(perEvent ? 0.3 : 0.3 * Math.Sqrt(3), s, 0.01);
        }
    }

    [Fact]
    public void Pcm_program_and_verify_reaches_targets()
    {
        var c = (PcmDeviceConfig)Device("model: pcm\nread_noise: {relative: 0.01}");
        var devices = DeviceFactory.Create(c, 32, 2);
        var curve = new ProgrammingCurve(c);
        var rng = Crossbar.Numerics.CounterRng.ForStream(1, "test");
        for (int d = 0; d < 32; d++)
        {
            double target = 1 + d * 0.6;
            var r = ProgramAndVerify.WithCurve(devices, d, curve, target, 0.3, 30, ref rng);
            Assert.True(r.Converged, $"device {d}: target {target}, got {r.Achieved} after {r.Pulses}");
            Assert.Equal(target, devices.Present(d), 0.3 + 4 * 0.01 * target); // verify reads carry 1 % read noise
        }
        Assert.True(devices.TotalResetPulses >= 32);
    }

    [Theory]
    [InlineData("model: jump_table\ntable: builtin:pcmo")]
    [InlineData("model: jump_table\ntable: builtin:pcm")]
    [InlineData("model: exponential\nnonlinearity: 3\nn_max: 40")]
    [InlineData("model: exponential\nnonlinearity: 2\nstep_noise: 0.2")]
    [InlineData("model: soft_bounds\nw_min: 0\nw_max: 1\ndw_min: 0.02")]
    public void Dense_vectorised_path_matches_per_device_pulses(string yaml)
    {
        const int n = 1037; // not a multiple of the SIMD width or the chunk
        var dense = Array(yaml, count: n, seed: 21);
        var single = Array(yaml, count: n, seed: 21);
        for (int round = 0; round < 30; round++)
        {
            dense.ApplySetAll(0, n);
            for (int d = 0; d < n; d++)
            {
                single.ApplySet(d, 1);
            }
            if (round % 3 == 2)
            {
                dense.ApplyResetAll(0, n);
                for (int d = 0; d < n; d++)
                {
                    single.ApplyReset(d, 1);
                }
            }
        }
        for (int d = 0; d < n; d++)
        {
            Assert.Equal(single.Stored[d], dense.Stored[d], 1e-12);
        }
        Assert.Equal(single.SetPulses, dense.SetPulses);
        Assert.Equal(single.ResetPulses, dense.ResetPulses);
    }

    [Fact]
    public void Benchmark_reports_positive_rates()
    {
        var rates = Crossbar.Benchmarks.DeviceBenchmark.Run(devices: 4096, seconds: 0.01);
        Assert.Equal(12, rates.Count); // 4 default models × dense, sparse rows, scattered list
        Assert.All(rates, r => Assert.True(r.PulsesPerSecond > 0 && r.Pulses > 0));
    }

    [Fact]
    public void Peek_set_predicts_exactly_what_one_set_pulse_leaves()
    {
        foreach (var yaml in AllModels.Append("model: ideal\nstep: 0.01\ndrift: {nu: 0.05, from: reset}\nvariation: 0.2"))
        {
            var devices = Array(yaml, count: 5, seed: 13);
            devices.Clock = 50;
            for (int round = 0; round < 20; round++)
            {
                for (int d = 0; d < devices.Count; d++)
                {
                    double peek = devices.PeekSet(d);
                    devices.ApplySet(d, 1);
                    Assert.Equal(peek, devices.Present(d), 1e-12);
                }
            }
        }
    }
}
