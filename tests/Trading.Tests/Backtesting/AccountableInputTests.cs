using Trading.Backtesting;
using Trading.Domain;
using Trading.Engine;
using Trading.Strategies;

namespace Trading.Tests.Backtesting;

/// <summary>Whatever a store holds, a backtest either runs or refuses with a message that names the symbol, the value
/// and the limit: never an overflow or an index out of range from deep inside the engine.</summary>
public class AccountableInputTests
{
    private static readonly Symbol Aaa = Symbol.Parse("AAA");

    private static DateTime Day(int d) => new(2024, 1, d, 0, 0, 0, DateTimeKind.Utc);

    private static BarSeries Flat(Symbol symbol, double price, params DateTime[] times) =>
        BarSeries.FromBars(symbol, Interval.Daily, times.Select(t => new Bar(t, price, price, price, price, 1_000)));

    private static BacktestResult Run(IStrategy strategy, BacktestInput input, BacktestSettings? settings = null) =>
        BacktestEngine.Run("test", strategy, new Dictionary<string, string>(), input, settings ?? new BacktestSettings());

    public static TheoryData<double> Unaccountable => [1e30, 1e308, double.PositiveInfinity, double.NaN, 5e-324, 0, -5, 7.9e28, 1e-20];

    [Theory]
    [MemberData(nameof(Unaccountable))]
    public void A_price_the_ledger_cannot_account_for_is_refused_before_the_run_naming_the_symbol_the_bar_and_the_limit(double price)
    {
        var strategy = new ScriptedStrategy((Day(2), OrderRequest.Market(Aaa, OrderSide.Buy, 10)));

        var refusal = Assert.Throws<MoneyRangeException>(() => Run(strategy, new BacktestInput([Flat(Aaa, price, Day(2), Day(3), Day(4))], [])));

        Assert.Equal(Aaa, refusal.Symbol);
        Assert.Contains("AAA's 1d bar of 2024-01-02 has an open of " + price.ToString("G", System.Globalization.CultureInfo.InvariantCulture), refusal.Message, StringComparison.Ordinal);
        Assert.Contains(price > BarPrice.Largest ? "1E+12" : "1E-8 to 1E+12", refusal.Message, StringComparison.Ordinal);
        Assert.Empty(strategy.Seen);
    }

    [Fact]
    public void A_benchmark_the_ledger_cannot_account_for_is_refused_as_the_benchmark()
    {
        var benchmark = Flat(Symbol.Parse("^BAD"), 0, Day(2), Day(3));

        var refusal = Assert.Throws<MoneyRangeException>(() => Run(new ScriptedStrategy(), new BacktestInput([Flat(Aaa, 10, Day(2), Day(3))], [], benchmark)));

        Assert.StartsWith("the benchmark ^BAD's 1d bar of 2024-01-02 has an open of 0", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prices_at_both_ends_of_the_range_trade()
    {
        var cheap = Symbol.Parse("CHEAP");
        var dear = Symbol.Parse("DEAR");
        var strategy = new ScriptedStrategy(
            (Day(2), OrderRequest.Market(cheap, OrderSide.Buy, OrderRequest.MaxQuantity)),
            (Day(2), OrderRequest.Market(dear, OrderSide.Buy, 1)));

        var result = Run(
            strategy,
            new BacktestInput([Flat(cheap, BarPrice.Smallest, Day(2), Day(3)), Flat(dear, BarPrice.Largest, Day(2), Day(3))], []),
            new BacktestSettings { InitialCash = 2_000_000_000_000m });

        Assert.Equal(2, result.Fills.Count);
        Assert.Equal(2_000_000_000_000m - 10_000m - 1_000_000_000_000m, result.FinalCash);
        Assert.Equal(2_000_000_000_000m, result.FinalEquity);
    }

    [Fact]
    public void A_bar_dated_on_the_last_day_of_the_calendar_is_refused_naming_its_date()
    {
        var far = Flat(Aaa, 10, Day(2), new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc));
        var strategy = new ScriptedStrategy((Day(2), OrderRequest.Market(Aaa, OrderSide.Buy, 10)));

        var refusal = Assert.Throws<CalendarRangeException>(() => Run(strategy, new BacktestInput([far], [CorporateAction.CashDividend(Aaa, new DateOnly(2024, 6, 3), 1m)])));

        Assert.Contains("AAA has a bar dated 9999-12-31, after the last date a backtest can run to (9998-12-31)", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_corporate_action_schedule_takes_an_action_dated_9999_12_31_once_and_nothing_after_it()
    {
        var last = DateOnly.MaxValue;
        var series = Flat(Aaa, 10, Day(2), last.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var schedule = new CorporateActionSchedule([series], [CorporateAction.CashDividend(Aaa, last, 1m)], []);

        Assert.False(schedule.TryTakeDue(0, DateOnly.FromDateTime(Day(2)), out _));
        Assert.True(schedule.TryTakeDue(0, last, out var action));
        Assert.Equal(last, action.ExDate);
        Assert.False(schedule.TryTakeDue(0, last, out _));

        var none = new CorporateActionSchedule([series], [], []);
        Assert.False(none.TryTakeDue(0, last, out _));
    }

    [Fact]
    public void Money_that_outgrows_a_decimal_stops_the_run_with_the_time_and_the_position_not_an_overflow()
    {
        // The most shares one order may carry, then a dividend of 1e20 a share: 1e32 of cash, beyond decimal's 7.9e28.
        var strategy = new ScriptedStrategy((Day(2), OrderRequest.Market(Aaa, OrderSide.Buy, OrderRequest.MaxQuantity)));
        var dividend = CorporateAction.CashDividend(Aaa, new DateOnly(2024, 1, 4), 1e20m);

        var refusal = Assert.Throws<MoneyRangeException>(() => Run(strategy, new BacktestInput([Flat(Aaa, BarPrice.Smallest, Day(2), Day(3), Day(4), Day(5))], [dividend])));

        Assert.Equal("At 2024-01-04 00:00 the account's money outgrew what the ledger's decimals hold (7.92E+28): AAA holds 1000000000000 shares at 1E-08 (1E+4).", refusal.Message);
        Assert.IsType<OverflowException>(refusal.InnerException);
    }
}
