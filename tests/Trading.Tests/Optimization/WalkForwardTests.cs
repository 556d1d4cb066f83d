using Trading.Accounting;
using Trading.Backtesting;
using Trading.Optimization;
using Trading.Strategies.BuiltIn;
using Trading.Tests.Indicators;

namespace Trading.Tests.Optimization;

public sealed class WalkForwardTests
{
    private static readonly WalkForwardPeriod ThreeYears = WalkForwardPeriod.Parse("3y");
    private static readonly WalkForwardPeriod OneYear = WalkForwardPeriod.Parse("1y");

    [Fact]
    public void Rolling_windows_step_by_the_test_length_and_keep_a_last_test_that_runs_past_the_data()
    {
        var windows = WalkForwardWindow.Plan(new DateTime(2015, 1, 2), new DateTime(2019, 12, 31), ThreeYears, OneYear, anchored: false);

        Assert.Equal(
            [
                new WalkForwardWindow(1, new DateTime(2015, 1, 2), new DateTime(2018, 1, 2), new DateTime(2018, 1, 2), new DateTime(2019, 1, 2), false),
                new WalkForwardWindow(2, new DateTime(2016, 1, 2), new DateTime(2019, 1, 2), new DateTime(2019, 1, 2), new DateTime(2020, 1, 2), true),
            ],
            windows);
    }

    [Fact]
    public void Anchored_windows_keep_the_first_bar_and_grow_the_training_and_a_test_ending_just_after_the_last_bar_is_whole()
    {
        var windows = WalkForwardWindow.Plan(new DateTime(2015, 1, 2), new DateTime(2020, 1, 2), ThreeYears, OneYear, anchored: true);

        Assert.Equal(
            [
                new WalkForwardWindow(1, new DateTime(2015, 1, 2), new DateTime(2018, 1, 2), new DateTime(2018, 1, 2), new DateTime(2019, 1, 2), false),
                new WalkForwardWindow(2, new DateTime(2015, 1, 2), new DateTime(2019, 1, 2), new DateTime(2019, 1, 2), new DateTime(2020, 1, 2), false),
                new WalkForwardWindow(3, new DateTime(2015, 1, 2), new DateTime(2020, 1, 2), new DateTime(2020, 1, 2), new DateTime(2021, 1, 2), true),
            ],
            windows);
    }

    [Fact]
    public void Months_count_from_the_first_bar_so_a_31st_does_not_drift()
    {
        var windows = WalkForwardWindow.Plan(new DateTime(2020, 1, 31), new DateTime(2021, 9, 15), OneYear, WalkForwardPeriod.Parse("6m"), anchored: false);

        Assert.Equal(
            [
                new WalkForwardWindow(1, new DateTime(2020, 1, 31), new DateTime(2021, 1, 31), new DateTime(2021, 1, 31), new DateTime(2021, 7, 31), false),
                new WalkForwardWindow(2, new DateTime(2020, 7, 31), new DateTime(2021, 7, 31), new DateTime(2021, 7, 31), new DateTime(2022, 1, 31), true),
            ],
            windows);
    }

    [Fact]
    public void Data_shorter_than_the_training_give_no_window()
    {
        Assert.Empty(WalkForwardWindow.Plan(new DateTime(2015, 1, 2), new DateTime(2018, 1, 1), ThreeYears, OneYear, anchored: false));
    }

    [Theory]
    [InlineData("6m", 6)]
    [InlineData("1y", 12)]
    [InlineData(" 3Y ", 36)]
    [InlineData("18m", 18)]
    public void A_period_is_months_or_years(string text, int months)
    {
        Assert.Equal(months, WalkForwardPeriod.Parse(text).Months);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("0y")]
    [InlineData("3w")]
    [InlineData("-1y")]
    [InlineData("1.5y")]
    [InlineData("101y")]
    [InlineData("")]
    public void A_bad_period_is_one_line(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => WalkForwardPeriod.Parse(text));
        Assert.StartsWith($"'{text}' is not a length of months or years like 6m, 1y or 3y", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_test_curve_is_scaled_to_start_from_the_previous_ending_equity()
    {
        // Window 1 earns 10% on 100,000, window 2 20% on its own 100,000: stitched, 100,000 × 1.1 × 1.2 = 132,000.
        IReadOnlyList<EquityPoint> first = [Point(2020, 1, 1, 100_000, 100_000, 0), Point(2020, 12, 31, 110_000, 10_000, 100_000)];
        IReadOnlyList<EquityPoint> second = [Point(2021, 1, 4, 100_000, 50_000, 50_000), Point(2021, 12, 31, 120_000, 20_000, 100_000)];

        var stitched = WalkForwardStitch.Stitch([first, second], 100_000);

        Assert.Equal(
            [
                Point(2020, 1, 1, 100_000, 100_000, 0),
                Point(2020, 12, 31, 110_000, 10_000, 100_000),
                Point(2021, 1, 4, 110_000, 55_000, 55_000),
                Point(2021, 12, 31, 132_000, 22_000, 110_000),
            ],
            stitched.Select(p => p with { Equity = Math.Round(p.Equity, 6), Cash = Math.Round(p.Cash, 6), GrossExposure = Math.Round(p.GrossExposure, 6) }));
        var metrics = PerformanceMetrics.Compute(stitched, [], [], new MetricsSettings());
        Assert.Equal(0.32, metrics.TotalReturn, 12);
    }

    [Fact]
    public void Efficiency_is_annualised_out_of_sample_over_in_sample_return_and_undefined_without_an_in_sample_gain()
    {
        Assert.Equal(0.5, WalkForwardResult.EfficiencyOf(0.1, 0.2), 12);
        Assert.Equal(-0.25, WalkForwardResult.EfficiencyOf(-0.05, 0.2), 12);
        Assert.True(double.IsNaN(WalkForwardResult.EfficiencyOf(0.1, 0)));
        Assert.True(double.IsNaN(WalkForwardResult.EfficiencyOf(0.1, -0.1)));
    }

    [Fact]
    public void Progress_tells_each_trial_of_a_windows_search_then_the_window_once_it_has_finished()
    {
        var series = TestBars.RandomWalk(3, 1000);
        var definition = SmaCross.Definition;
        var space = new SearchSpace(definition, [ParameterRange.Parse(definition, "fast=5,10"), ParameterRange.Parse(definition, "slow=20,40")]);
        var windows = WalkForwardWindow.Plan(series.FirstTime, series.LastTime, OneYear, WalkForwardPeriod.Parse("6m"), anchored: false);
        var reports = new List<WalkForwardProgress>();

        var result = WalkForward.Run(space, space.Grid(), new BacktestInput([series], []), new BacktestSettings(), SweepMetric.Parse("sharpe"), [], windows, jobs: 1, progress: new Collect(reports));

        Assert.Equal(4, windows.Count);
        Assert.Equal(windows.Count * 5, reports.Count);
        for (var w = 0; w < windows.Count; w++)
        {
            var window = reports.Skip(w * 5).Take(5).ToList();
            Assert.All(window, r => Assert.Equal((w + 1, 4), (r.Window, r.Windows)));
            Assert.Equal([1, 2, 3, 4], window.Take(4).Select(r => r.Search!.Done));
            Assert.Equal([w + 0.25, w + 0.5, w + 0.75, w + 1.0], window.Take(4).Select(r => r.WindowsDone));
            Assert.Same(result.Steps[w], window[4].Finished);
            Assert.Equal(w + 1.0, window[4].WindowsDone);
        }
    }

    [Fact]
    public void Time_left_is_the_pace_so_far_over_the_windows_left()
    {
        var search = new SweepProgress(25, 100, null, TimeSpan.FromSeconds(10));

        // A quarter of the second of four windows is done in 50 s: 1.25 windows at 40 s each, 2.75 left.
        var progress = new WalkForwardProgress(2, 4, search, null, TimeSpan.FromSeconds(50));

        Assert.Equal(1.25, progress.WindowsDone);
        Assert.Equal(110, progress.Remaining!.Value.TotalSeconds, 9);
        Assert.Null(new WalkForwardProgress(1, 4, null, null, TimeSpan.FromSeconds(3)).Remaining);
    }

    private sealed class Collect(List<WalkForwardProgress> reports) : IProgress<WalkForwardProgress>
    {
        public void Report(WalkForwardProgress value) => reports.Add(value);
    }

    private static EquityPoint Point(int year, int month, int day, double equity, double cash, double exposure) =>
        new(new DateTime(year, month, day), equity, cash, exposure);
}
