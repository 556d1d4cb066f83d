using Trading.Data.Synthetic;

namespace Trading.Tests.Strategies.Momentum;

/// <summary>The momentum strategy's other schedules, and drift-threshold rebalancing, over the same synthetic run.</summary>
public sealed class MomentumScheduleTests(MomentumSyntheticRun run) : IClassFixture<MomentumSyntheticRun>
{
    [Fact]
    public void Month_start_rebalances_on_the_first_trading_day_of_each_month()
    {
        var result = run.Run(values: new() { ["rebalance"] = "month_start" });

        var days = result.Rebalances.Select(r => DateOnly.FromDateTime(r.Time)).ToList();

        // 2015-01-02 is the run's first bar and the first session of January (New Year's Day is shut); after it,
        // one rebalance per month: 60 months in five years.
        Assert.Equal(60, days.Count);
        Assert.Equal(new DateOnly(2015, 1, 2), days[0]);
        Assert.All(days, d => Assert.Equal(d, FirstSession(d.Year, d.Month)));
    }

    [Fact]
    public void Month_end_rebalances_on_the_last_trading_day_of_each_month()
    {
        var result = run.Run(values: new() { ["rebalance"] = "month_end" });

        var days = result.Rebalances.Select(r => DateOnly.FromDateTime(r.Time)).ToList();

        Assert.Equal(60, days.Count);
        Assert.All(days, d => Assert.Equal(d, LastSession(d.Year, d.Month)));
    }

    [Fact]
    public void A_drift_threshold_adds_rebalances_between_scheduled_ones_and_says_why()
    {
        var scheduledOnly = run.Run(values: new() { ["rebalance"] = "month_start" });
        var withDrift = run.Run(values: new() { ["rebalance"] = "month_start", ["drift_threshold"] = "0.01" });

        var drifted = withDrift.Rebalances.Where(r => r.Notes[0].StartsWith("drift over the threshold", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(drifted);
        Assert.Equal(scheduledOnly.Rebalances.Count + drifted.Count, withDrift.Rebalances.Count);
        Assert.All(drifted, r => Assert.NotEqual(DateOnly.FromDateTime(r.Time), FirstSession(r.Time.Year, r.Time.Month)));
        Assert.All(drifted, r => Assert.Contains("positions resized", r.Notes[0], StringComparison.Ordinal));
    }

    private static DateOnly FirstSession(int year, int month) =>
        SyntheticExchangeCalendar.Instance.NextOrSame(new DateOnly(year, month, 1));

    private static DateOnly LastSession(int year, int month) =>
        SyntheticExchangeCalendar.Instance.PreviousOrSame(new DateOnly(year, month, DateTime.DaysInMonth(year, month)));
}
