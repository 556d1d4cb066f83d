using Trading.Portfolio;
using Trading.Strategies;
using Trading.Strategies.Momentum;

namespace Trading.Tests.Strategies.Momentum;

public sealed class MomentumParametersTests
{
    private static readonly StrategyDefinition Momentum = StrategyRegistry.Default.Find("momentum");

    private static MomentumParameters Bound(params (string Name, string Value)[] values) =>
        MomentumParameters.From(Momentum.Bind(values.ToDictionary(v => v.Name, v => v.Value)));

    private static string Refusal(params (string Name, string Value)[] values)
    {
        var error = Assert.Throws<ArgumentException>(() => Momentum.Bind(values.ToDictionary(v => v.Name, v => v.Value)));
        Assert.DoesNotContain('\n', error.Message);
        return error.Message;
    }

    [Fact]
    public void The_registry_knows_momentum_by_name()
    {
        Assert.Same(MomentumStrategy.Definition, Momentum);
        Assert.Equal("momentum", Momentum.Name);
        Assert.IsType<MomentumStrategy>(Momentum.Create(Momentum.Defaults));
    }

    [Fact]
    public void The_defaults_are_the_original_systems()
    {
        var settings = Bound();

        Assert.Equal(90, settings.Ranking.LookbackPeriod);
        Assert.Equal(0.2, settings.Ranking.TopPercentage);
        Assert.Equal(0.001, settings.Ranking.RiskFactor);
        Assert.Equal(200, settings.Ranking.MarketRegimePeriod);
        Assert.Equal(100, settings.Ranking.TrendFilterPeriod);
        Assert.Equal(0.15, settings.Ranking.MaxGap);
        Assert.Equal(20, settings.Ranking.AtrPeriod);
        var construction = Assert.IsType<AtrRiskParity>(settings.Construction);
        Assert.Equal(0.001, construction.RiskFactor);
        Assert.Equal("weekly", settings.Rebalance);
        Assert.Equal(DayOfWeek.Wednesday, settings.Weekday);
        Assert.Equal(1, settings.RebalanceWeeks);
        Assert.Equal(2, settings.ResizeEvery);
        Assert.Equal(0, settings.DriftThreshold);
        Assert.Equal(0m, settings.MinTradeValue);
        Assert.Equal(1.0, settings.Risk.MaxPositionWeight);
        Assert.Null(settings.Risk.MaxPositions);
        Assert.Equal(1.0, settings.Risk.MaxGrossExposure);
        Assert.Equal(0.0, settings.Risk.MinCashBuffer);
        Assert.Equal(1.0, settings.Risk.DrawdownLimitForBuys);
        Assert.IsType<WeeklySchedule>(settings.Schedule(new DateOnly(2024, 1, 2)));
    }

    [Fact]
    public void The_settings_defaults_agree_with_the_schema_defaults()
    {
        Assert.Equal(new MomentumSettings(), Bound().Ranking);
    }

    [Fact]
    public void Values_bind_to_their_settings()
    {
        var settings = Bound(
            ("lookback_period", "120"),
            ("top_percentage", "0.1"),
            ("risk_factor", "0.002"),
            ("construction", " Equal_Weight "),
            ("rebalance_weekday", "Friday"),
            ("max_positions", "5"),
            ("min_cash_buffer", "0.05"),
            ("min_trade_value", "250"));

        Assert.Equal(120, settings.Ranking.LookbackPeriod);
        Assert.Equal(0.1, settings.Ranking.TopPercentage);
        Assert.Equal(0.002, settings.Ranking.RiskFactor);
        Assert.IsType<EqualWeight>(settings.Construction);
        Assert.Equal(DayOfWeek.Friday, settings.Weekday);
        Assert.Equal(5, settings.Risk.MaxPositions);
        Assert.Equal(0.05, settings.Risk.MinCashBuffer);
        Assert.Equal(250m, settings.MinTradeValue);
    }

    [Theory]
    [InlineData("daily", 1, typeof(EveryTradingDaySchedule))]
    [InlineData("month_start", 1, typeof(FirstTradingDayOfMonthSchedule))]
    [InlineData("month_end", 1, typeof(LastTradingDayOfMonthSchedule))]
    [InlineData("weekly", 1, typeof(WeeklySchedule))]
    [InlineData("weekly", 3, typeof(EveryNWeeksSchedule))]
    public void The_rebalance_parameter_picks_the_schedule(string rebalance, int weeks, Type expected)
    {
        var settings = Bound(("rebalance", rebalance), ("rebalance_weeks", weeks.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.IsType(expected, settings.Schedule(new DateOnly(2024, 1, 2)));
    }

    [Theory]
    [InlineData("lookback_period", "1", "lookback_period must be between 2 and 1000; got 1")]
    [InlineData("top_percentage", "0", "top_percentage must be above 0; got 0")]
    [InlineData("top_percentage", "1.5", "top_percentage must be between 0 and 1; got 1.5")]
    [InlineData("risk_factor", "0", "risk_factor must be above 0")]
    [InlineData("max_gap", "0", "max_gap must be above 0")]
    [InlineData("atr_period", "0", "atr_period must be between 1 and 1000; got 0")]
    public void Values_that_cannot_work_are_refused_naming_the_parameter(string name, string value, string expected)
    {
        Assert.Contains(expected, Refusal((name, value)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_construction_is_refused_with_the_valid_names()
    {
        var message = Refusal(("construction", "kelly"));

        Assert.Equal("construction must be one of atr_risk_parity, equal_weight, inverse_volatility, score_weighted; got 'kelly'", message);
    }

    [Theory]
    [InlineData("rebalance", "hourly", "rebalance must be one of weekly, daily, month_start, month_end; got 'hourly'")]
    [InlineData("rebalance_weekday", "saturday", "rebalance_weekday must be one of monday, tuesday, wednesday, thursday, friday; got 'saturday'")]
    public void An_unknown_schedule_is_refused_with_the_valid_names(string name, string value, string expected)
    {
        Assert.Equal(expected, Refusal((name, value)));
    }

    [Fact]
    public void Settings_made_in_code_are_checked_too()
    {
        var error = Assert.Throws<ArgumentException>(() => new MomentumSettings { LookbackPeriod = 1 }.Validated());
        Assert.Contains("lookback_period", error.Message, StringComparison.Ordinal);

        var settings = new MomentumSettings { TopPercentage = 0, MaxGap = 2 };
        Assert.Equal(2, settings.Problems().Count);
        Assert.Throws<ArgumentException>(() => MomentumRanking.Rank([], null, settings));
    }

    [Theory]
    [InlineData(90, 100, 20, 100)] // the trend average is the longest
    [InlineData(120, 100, 20, 121)] // the score needs one close before its window for the first return
    [InlineData(90, 50, 150, 151)] // the ATR needs one bar before its window for the first previous close
    public void The_bars_a_symbol_needs_are_the_longest_window(int lookback, int trend, int atr, int expected)
    {
        var settings = new MomentumSettings { LookbackPeriod = lookback, TrendFilterPeriod = trend, AtrPeriod = atr };

        Assert.Equal(expected, settings.RequiredBars);
    }
}
