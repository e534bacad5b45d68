using Crossbar.Plotting;
using FsCheck;
using FsCheck.Fluent;

namespace Crossbar.Tests.Plotting;

public class TickTests
{
    [Fact]
    public void Linear_ticks_on_unit_range_are_tenths_without_float_noise()
    {
        var t = TickGenerator.Linear(0, 1, 5);
        Assert.Equal(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"], t.Select(x => x.Label));
        Assert.Contains(TickGenerator.Linear(0, 0.35, 7), x => x.Label == "0.30");
        Assert.DoesNotContain(TickGenerator.Linear(0.1, 0.7, 12), x => x.Label.Length > 4);
    }

    [Fact]
    public void Scientific_tick_labels_keep_the_digits_that_tell_ticks_apart()
    {
        // Found by the property below: [9.99454e14, 1.008544e15] was labelled "1×10^{15}" twice.
        var t = TickGenerator.Linear(9.99454e14, 1.008544e15, 3);
        Assert.Equal(["1×10^{15}", "1.005×10^{15}"], t.Select(x => x.Label));
        Assert.Equal(["2×10^{15}", "4×10^{15}"], TickGenerator.Linear(1.5e15, 4.5e15, 2).Select(x => x.Label));
    }

    [Fact]
    public void Linear_ticks_are_nice_and_cover_random_ranges()
    {
        var gen =
            from lo in Gen.Choose(-1_000_000, 1_000_000)
            from spanMantissa in Gen.Choose(1, 1000)
            from exp in Gen.Choose(-12, 12)
            from target in Gen.Choose(3, 10)
            select (Min: lo / 1000.0 * Math.Pow(10, exp), Span: spanMantissa / 100.0 * Math.Pow(10, exp), Target: target);
        Prop.ForAll(gen.ToArbitrary(), c =>
        {
            double min = c.Min, max = c.Min + c.Span;
            if (!(max > min))
            {
                return true;
            }
            var ticks = TickGenerator.Linear(min, max, c.Target);
            double step = ticks.Count >= 2 ? ticks[1].Value - ticks[0].Value : double.NaN;
            double mant = step / Math.Pow(10, Math.Floor(Math.Log10(step) + 1e-9));
            bool nice = new[] { 1.0, 2, 5, 10 }.Any(m => Math.Abs(mant - m) < 1e-9);
            double tol = step * 1e-6;
            bool inside = ticks.All(t => t.Value >= min - tol && t.Value <= max + tol);
            bool covers = ticks.Count >= 2 && ticks[0].Value - min < step + tol && max - ticks[^1].Value < step + tol;
            bool even = ticks.Zip(ticks.Skip(1)).All(p => Math.Abs(p.Second.Value - p.First.Value - step) <= tol);
            bool notTooMany = ticks.Count <= (2 * c.Target) + 1;
            // Labels must be distinct; they must also be short unless the range is a sliver far from zero
            // (e.g. [−21765.5, −21763.5]), where every digit is needed (no offset notation yet).
            bool sliver = c.Span < 1e-2 * Math.Max(Math.Abs(min), Math.Abs(max));
            bool shortLabels = (sliver || ticks.All(t => t.Label.Length <= 8)) && ticks.Select(t => t.Label).Distinct().Count() == ticks.Count;
            bool ok = nice && inside && covers && even && notTooMany && shortLabels;
            return ok ? true : throw new InvalidOperationException(
                $"[{min}, {max}] target {c.Target}: nice={nice} inside={inside} covers={covers} even={even} " +
                $"notTooMany={notTooMany} shortLabels={shortLabels} ticks={string.Join(" ", ticks.Select(t => t.Label))}");
        }).CheckFixed();
    }

    [Fact]
    public void Log_ticks_label_decades_and_add_minor_ticks()
    {
        var t = TickGenerator.Log(1, 1000, 6);
        Assert.Equal(["1", "10", "100", "1000"], t.Where(x => x.IsMajor).Select(x => x.Label));
        Assert.Equal(["10^{0}", "10^{2}", "10^{4}"], TickGenerator.Log(1, 1e4, 3).Where(x => x.IsMajor).Select(x => x.Label));
        Assert.Equal(24, t.Count(x => !x.IsMajor));
        Assert.Equal("10^{−3}", TickGenerator.Log(1e-4, 1e-2, 6).Single(x => x.IsMajor && x.Value < 2e-3 && x.Value > 5e-4).Label);
    }

    [Fact]
    public void Log_ticks_thin_out_over_many_decades_and_use_plain_numbers_within_one()
    {
        var wide = TickGenerator.Log(1e-12, 1e12, 6);
        Assert.InRange(wide.Count(x => x.IsMajor), 2, 7);
        var narrow = TickGenerator.Log(2, 8, 6);
        Assert.Equal(["2", "5"], narrow.Where(x => x.IsMajor).Select(x => x.Label));
    }

    [Fact]
    public void Log_ticks_always_give_two_labels_inside_random_ranges()
    {
        var gen =
            from e in Gen.Choose(-300, 300)
            from span in Gen.Choose(1, 2000)
            select (Min: Math.Pow(10, e / 20.0), Max: Math.Pow(10, (e + span) / 20.0));
        Prop.ForAll(gen.ToArbitrary(), r =>
        {
            var majors = TickGenerator.Log(r.Min, r.Max, 6).Where(t => t.IsMajor).ToList();
            return majors.Count >= 2 && majors.All(t => t.Value >= r.Min * (1 - 1e-9) && t.Value <= r.Max * (1 + 1e-9));
        }).CheckFixed();
    }

    [Fact]
    public void Large_and_small_magnitudes_use_si_prefixes_and_true_minus()
    {
        Assert.Equal(["0", "100k", "200k"], NumberFormat.FormatTicks([0, 1e5, 2e5], 1e5));
        Assert.Equal(["0.0", "0.5µ", "1.0µ"], NumberFormat.FormatTicks([0, 5e-7, 1e-6], 5e-7));
        Assert.Equal(["−1", "0", "1"], NumberFormat.FormatTicks([-1, 0, 1], 1));
        Assert.Equal(["0.0012", "0.0014"], NumberFormat.FormatTicks([0.0012, 0.0014], 0.0002));
        Assert.Equal(["1.336m", "1.334m"], NumberFormat.FormatTicks([0.001336, 0.001334], 2e-6));
        Assert.Equal("97.7", NumberFormat.Compact(97.7));
        Assert.Equal("1.5M", NumberFormat.Compact(1.5e6));
    }
}
