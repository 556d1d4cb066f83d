using Trading.Accounting;
using Trading.Domain;
using static Trading.Tests.Accounting.Performance.Curves;

namespace Trading.Tests.Accounting.Performance;

public class PerformanceMetricsTests
{
    private const int Precision = 10;

    // 100 -> 110 -> 99 -> 108.9 -> 119.79: returns +10%, -10%, +10%, +10%.
    private static readonly EquityPoint[] FivePoints = Daily(100, 110, 99, 108.9, 119.79);

    [Fact]
    public void Five_point_curve_gives_hand_computed_return_volatility_sharpe_and_sortino()
    {
        var m = Metrics(FivePoints);

        // mean = (0.1 - 0.1 + 0.1 + 0.1) / 4 = 0.05
        // deviations 0.05, -0.15, 0.05, 0.05; squares sum 0.0025 * 3 + 0.0225 = 0.03; / (4 - 1) = 0.01; stdev = 0.1
        // downside: only -0.1 is below 0; mean of squares over all 4 periods = 0.01 / 4 = 0.0025; sqrt = 0.05
        Assert.Equal(0.1979, m.TotalReturn, Precision);
        Assert.Equal(0.1 * Math.Sqrt(252), m.AnnualVolatility, Precision);
        Assert.Equal(0.05 / 0.1 * Math.Sqrt(252), m.Sharpe, Precision); // 7.937
        Assert.Equal(0.05 / 0.05 * Math.Sqrt(252), m.Sortino, Precision); // 15.87
    }

    [Fact]
    public void Risk_free_rate_is_compounded_to_a_per_period_rate_and_subtracted()
    {
        // Annual rate chosen so that the per-period rate (1 + rf)^(1/252) - 1 is exactly 1%.
        var m = Metrics(FivePoints, riskFree: Math.Pow(1.01, 252) - 1);

        // excess returns 0.09, -0.11, 0.09, 0.09: mean 0.04, stdev unchanged at 0.1
        // downside: min(0, r - 0.01) is -0.11 once; 0.0121 / 4 = 0.003025; sqrt = 0.055
        Assert.Equal(0.04 / 0.1 * Math.Sqrt(252), m.Sharpe, Precision);
        Assert.Equal(0.04 / 0.055 * Math.Sqrt(252), m.Sortino, Precision);
        Assert.Equal(Math.Pow(1.01, 252) - 1, m.RiskFreeRate, Precision);
    }

    [Fact]
    public void Max_drawdown_is_the_deepest_fall_with_its_peak_trough_and_recovery()
    {
        // Peak 120 on day 1, trough 90 on day 2 (-25%), back to 120 on day 4: 3 days under water.
        // New peak 130 on day 5, 117 on day 6 (-10%) and the curve ends: 1 day under water.
        var curve = Daily(100, 120, 90, 96, 120, 130, 117);
        var m = Metrics(curve);
        var drawdown = Drawdown.Of(curve);

        Assert.Equal(0.25, m.MaxDrawdown, Precision);
        Assert.Equal(TimeSpan.FromDays(3), m.LongestDrawdown);
        Assert.Equal(3, m.MaxDrawdownTradingDays);
        Assert.True(m.MaxDrawdownRecovered);
        Assert.Equal((Start.AddDays(1), Start.AddDays(2), Start.AddDays(4)), (m.MaxDrawdownPeak, m.MaxDrawdownTrough, m.MaxDrawdownRecovery));
        Assert.Equal(Start.AddDays(1), drawdown.Peak);
        Assert.Equal(Start.AddDays(2), drawdown.Trough);
        Assert.Equal(Start.AddDays(4), drawdown.Recovery);
        Assert.Equal([0, 0, -0.25, -0.2, 0, 0, -0.1], Drawdown.Series(curve), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void A_drawdown_never_recovered_lasts_to_the_end_of_the_curve()
    {
        // Peak 100 on day 0, under it through day 10.
        var m = Metrics(Daily(100, 80, 85, 90, 95, 90, 92, 94, 96, 98, 99));

        Assert.Equal(0.2, m.MaxDrawdown, Precision);
        Assert.Equal(TimeSpan.FromDays(10), m.LongestDrawdown);
        Assert.Equal(10, m.MaxDrawdownTradingDays);
        Assert.False(m.MaxDrawdownRecovered);
        Assert.Null(m.MaxDrawdownRecovery);
        Assert.Equal(Start.AddDays(1), m.MaxDrawdownTrough);
    }

    [Fact]
    public void The_max_drawdowns_own_duration_is_in_trading_days_and_the_longest_drawdown_in_calendar_days()
    {
        // Weekdays from Monday 2024-01-01:
        //   Tue 2   110  peak
        //   Wed 3 to Tue 9: 105, 106, 109, 108, 109.5 (at worst -4.5%)
        //   Wed 10  111  back over 110: the longest drawdown, 8 calendar days (6 trading days)
        //   Thu 11  120  peak
        //   Fri 12   90  -25%: the maximum drawdown
        //   Mon 15  120  recovered: 2 trading days from the peak (4 calendar days)
        var days = new[] { 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 15 };
        double[] equity = [100, 110, 105, 106, 109, 108, 109.5, 111, 120, 90, 120];
        var curve = days.Select((day, i) => At(new DateTime(2024, 1, day, 0, 0, 0, DateTimeKind.Utc), equity[i])).ToArray();

        var m = Metrics(curve);

        Assert.Equal(0.25, m.MaxDrawdown, Precision);
        Assert.Equal(new DateTime(2024, 1, 11, 0, 0, 0, DateTimeKind.Utc), m.MaxDrawdownPeak);
        Assert.Equal(new DateTime(2024, 1, 15, 0, 0, 0, DateTimeKind.Utc), m.MaxDrawdownRecovery);
        Assert.Equal(2, m.MaxDrawdownTradingDays);
        Assert.True(m.MaxDrawdownRecovered);
        Assert.Equal(TimeSpan.FromDays(8), m.LongestDrawdown);
    }

    [Fact]
    public void Intraday_bars_count_a_drawdowns_trading_days_by_session()
    {
        // Two 5-minute bars a session on three sessions; the peak is in the first, the recovery in the third.
        var day1 = new DateTime(2024, 3, 4, 14, 30, 0, DateTimeKind.Utc);
        EquityPoint[] curve =
        [
            At(day1, 100), At(day1.AddMinutes(5), 95),
            At(day1.AddDays(1), 97), At(day1.AddDays(1).AddMinutes(5), 98),
            At(day1.AddDays(2), 99), At(day1.AddDays(2).AddMinutes(5), 100),
        ];

        var m = Metrics(curve);

        Assert.Equal(2, m.MaxDrawdownTradingDays);
        Assert.Equal(day1.AddDays(2).AddMinutes(5), m.MaxDrawdownRecovery);
    }

    [Fact]
    public void Cagr_over_exactly_two_years_and_calmar()
    {
        // 730.5 calendar days = 2 years of 365.25 days; 100 -> 121: CAGR = sqrt(1.21) - 1 = 0.1.
        // A fall to 88 in between is a 12% drawdown: Calmar = 0.1 / 0.12.
        EquityPoint[] curve = [At(Start, 100), At(Start.AddDays(365), 88), At(Start.AddDays(730.5), 121)];
        var m = Metrics(curve);

        Assert.Equal(0.1, m.Cagr, Precision);
        Assert.Equal(0.21, m.TotalReturn, Precision);
        Assert.Equal(0.12, m.MaxDrawdown, Precision);
        Assert.Equal(0.1 / 0.12, m.Calmar, Precision);
    }

    [Fact]
    public void A_curve_with_twice_the_benchmark_returns_has_beta_two_and_alpha_zero()
    {
        // Benchmark returns +2%, -1%, +3%, -2%; the run's are twice those: +4%, -2%, +6%, -4%.
        double[] benchmark = [100, 102, 100.98, 104.0094, 101.929212];
        var curve = Daily(100, 104, 101.92, 108.0352, 103.713792);
        var m = Metrics(curve, benchmark: benchmark);

        Assert.Equal(2, m.Beta!.Value, Precision);
        Assert.Equal(0, m.Alpha!.Value, Precision);
    }

    [Fact]
    public void Benchmark_gaps_drop_the_periods_around_them()
    {
        // The NaN on day 2 removes the returns into and out of it; the rest are still exactly 2x.
        double[] benchmark = [100, 102, double.NaN, 104.0094, 101.929212, 104.987088];
        var curve = Daily(100, 104, 50, 108.0352, 103.713792, 109.936620);
        var m = Metrics(curve, benchmark: benchmark);

        Assert.Equal(2, m.Beta!.Value, 6);
        Assert.Equal(0, m.Alpha!.Value, 4);
    }

    [Fact]
    public void Without_a_benchmark_alpha_and_beta_are_null()
    {
        var m = Metrics(FivePoints);
        Assert.Null(m.Alpha);
        Assert.Null(m.Beta);
    }

    [Fact]
    public void Benchmark_of_another_length_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Metrics(FivePoints, benchmark: [1.0, 2.0]));
        Assert.Contains("one close per equity point (5)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Trades_give_win_rate_profit_factor_and_expectancy()
    {
        // +100, +50, -30, -20, 0: 2 winners of 5 = 0.4; gross profit 150 / gross loss 50 = 3; 100 / 5 = 20.
        RoundTrip[] trades = [Trade(100), Trade(50), Trade(-30), Trade(-20), Trade(0)];
        var m = Metrics(FivePoints, trades);

        Assert.Equal(0.4, m.WinRate!.Value, Precision);
        Assert.Equal(3, m.ProfitFactor!.Value, Precision);
        Assert.Equal(20m, m.Expectancy);
        Assert.Equal(5, m.TradeCount);
    }

    [Fact]
    public void Profit_factor_is_infinite_with_only_winners_and_zero_with_only_losers()
    {
        Assert.Equal(double.PositiveInfinity, Metrics(FivePoints, [Trade(10), Trade(5)]).ProfitFactor);
        Assert.Equal(0, Metrics(FivePoints, [Trade(-10)]).ProfitFactor);
    }

    [Fact]
    public void Without_a_round_trip_win_rate_profit_factor_and_expectancy_have_no_value()
    {
        var m = Metrics(FivePoints);

        Assert.Null(m.WinRate);
        Assert.Null(m.ProfitFactor);
        Assert.Null(m.Expectancy);
        Assert.Equal(0, m.TradeCount);
    }

    [Fact]
    public void Exposure_turnover_and_commissions()
    {
        // Equity 100,000 throughout one year (365.25 days); half of it invested at the two middle points.
        // exposure = (0 + 0.5 + 0.5 + 0) / 4 = 0.25
        // fills: buy 100 @ 500 and sell 100 @ 500 = 100,000 traded in 1 year over mean equity 100,000 = 1
        EquityPoint[] curve =
        [
            At(Start, 100_000),
            At(Start.AddDays(100), 100_000, 50_000),
            At(Start.AddDays(200), 100_000, 50_000),
            At(Start.AddDays(365.25), 100_000),
        ];
        var aapl = Symbol.Parse("AAPL");
        Fill[] fills =
        [
            new(1, Start.AddDays(100), aapl, OrderSide.Buy, 100, 500, 1.25m),
            new(2, Start.AddDays(300), aapl, OrderSide.Sell, 100, 500, 2.50m),
        ];
        var m = Metrics(curve, fills: fills);

        Assert.Equal(0.25, m.Exposure, Precision);
        Assert.Equal(1, m.Turnover, Precision);
        Assert.Equal(3.75m, m.CommissionsPaid);
    }

    public static TheoryData<double[]> DegenerateCurves => new()
    {
        Array.Empty<double>(),
        new double[] { 100 },
        new double[] { 100, 100, 100, 100 },
    };

    [Theory]
    [MemberData(nameof(DegenerateCurves))]
    public void Degenerate_curves_give_zeros_not_nan(double[] equity)
    {
        var curve = Daily(equity);
        var m = Metrics(curve, periodsPerYear: null, benchmark: [.. equity]);

        double[] all =
        [
            m.TotalReturn, m.Cagr, m.AnnualVolatility, m.Sharpe, m.Sortino, m.Calmar, m.MaxDrawdown,
            m.Alpha!.Value, m.Beta!.Value, m.Exposure, m.Turnover,
        ];
        Assert.All(all, value => Assert.Equal(0, value));
        Assert.Equal(TimeSpan.Zero, m.LongestDrawdown);
        Assert.Equal(0, m.MaxDrawdownTradingDays);
        Assert.True(m.MaxDrawdownRecovered);
        Assert.Null(m.MaxDrawdownPeak);
    }

    [Fact]
    public void Only_gains_give_zero_sortino_and_calmar_rather_than_infinity()
    {
        var m = Metrics(Daily(100, 101, 103, 104));
        Assert.Equal(0, m.Sortino);
        Assert.Equal(0, m.Calmar);
        Assert.True(m.Sharpe > 0);
    }

    [Fact]
    public void Invalid_settings_are_refused_by_name()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Metrics(FivePoints, periodsPerYear: 0));
        Assert.Equal("PeriodsPerYear", error.ParamName);
    }
}
