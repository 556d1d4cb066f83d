using Trading.Backtesting;
using Trading.Data;
using Trading.Data.Synthetic;
using Trading.Domain;
using Trading.Portfolio;
using Trading.Strategies;
using Trading.Strategies.Momentum;

namespace Trading.Tests.Strategies.Momentum;

/// <summary>A momentum backtest over 50 synthetic stocks, 2015-2019, with the ^SYN index and the synthetic
/// exchange calendar (shut on New Year's Day, Independence Day and Christmas), run once for all the tests. Seed 42
/// gives three splits in the window (SYN043 3:1 in 2015, SYN048 3:1 and SYN044 2:1 in 2016).</summary>
public sealed class MomentumSyntheticRun
{
    public MomentumSyntheticRun()
    {
        Market = SyntheticMarket.Generate(new SyntheticMarketOptions { Symbols = 50, From = new DateOnly(2015, 1, 1), To = new DateOnly(2019, 12, 31) });
        Result = Run();
    }

    public MarketDataBatch Market { get; }

    public BacktestResult Result { get; }

    /// <summary>Runs momentum over the market's stocks (or only <paramref name="symbols"/>) with the defaults, or
    /// with <paramref name="values"/>; with the regime filter on ^SYN unless <paramref name="regime"/> is false.</summary>
    public BacktestResult Run(IReadOnlyCollection<string>? symbols = null, Dictionary<string, string>? values = null, bool regime = true)
    {
        var stocks = Market.Series
            .Where(s => s.Symbol != SyntheticMarket.IndexSymbol && (symbols is null || symbols.Contains(s.Symbol.Value)))
            .ToList();
        var index = Market.Series.Single(s => s.Symbol == SyntheticMarket.IndexSymbol);
        var input = new BacktestInput(stocks, Market.Actions, index)
        {
            MarketIndex = regime ? index : null,
            Calendar = SyntheticExchangeCalendar.Instance,
        };
        var definition = StrategyRegistry.Default.Find(MomentumStrategy.Name);
        var parameters = values is null ? definition.Defaults : definition.Bind(values);
        return BacktestEngine.Run(definition.Name, definition.Create(parameters), parameters.AsText(), input, new BacktestSettings());
    }
}

public sealed class MomentumBacktestTests(MomentumSyntheticRun run) : IClassFixture<MomentumSyntheticRun>
{
    private BacktestResult Result => run.Result;

    private static DateOnly Day(DateTime time) => DateOnly.FromDateTime(time);

    [Fact]
    public void It_rebalances_on_wednesdays_or_the_next_trading_day_of_that_week()
    {
        // Expected: in each Monday-to-Sunday week, the first of Wednesday, Thursday and Friday the exchange is open
        // (a shut Wednesday rolls to Thursday), when the run has a bar that day. The week of 2015-01-02 has none:
        // its Wednesday, 2014-12-31, was open but before the first bar.
        var calendar = SyntheticExchangeCalendar.Instance;
        var days = run.Market.Series[0].Time.ToArray().Select(Day).ToList();
        var expected = days
            .Select(d => d.AddDays(-(((int)d.DayOfWeek + 6) % 7)))
            .Distinct()
            .Select(monday => new[] { 2, 3, 4 }.Select(monday.AddDays).FirstOrDefault(calendar.IsTradingDay))
            .Where(d => d != default && days.Contains(d))
            .ToList();

        var actual = Result.Rebalances.Select(r => Day(r.Time)).ToList();

        Assert.Equal(expected, actual);
        Assert.True(expected.Count > 250, $"five years of weeks, got {expected.Count}");

        // 2018-07-04 and 2019-12-25 are Wednesdays the synthetic exchange is shut: the Thursday after instead.
        Assert.Contains(new DateOnly(2018, 7, 5), actual);
        Assert.Contains(new DateOnly(2019, 12, 26), actual);
        Assert.DoesNotContain(new DateOnly(2018, 7, 4), days);
    }

    [Fact]
    public void It_trades_and_every_rebalance_is_reconciled_line_by_line()
    {
        Assert.NotEmpty(Result.Fills);
        Assert.Contains(Result.Rebalances, r => r.Lines.Count > 0);
        Assert.Contains(Result.Rebalances.SelectMany(r => r.Lines), l => l.Outcome == ReconciliationOutcome.Filled && l.Ordered > 0);
        Assert.Contains(Result.Rebalances.SelectMany(r => r.Lines), l => l.Outcome == ReconciliationOutcome.Filled && l.Ordered < 0);
        Assert.All(Result.Rebalances, r => Assert.NotEmpty(r.Notes));
        Assert.All(Result.Rebalances.SelectMany(r => r.Lines), l =>
        {
            // What filled went the way it was ordered, and never more.
            Assert.True(l.Filled == 0 || Math.Sign(l.Filled) == Math.Sign(l.Ordered), $"{l}");
            Assert.True(Math.Abs(l.Filled) <= Math.Abs(l.Ordered), $"{l}");
        });
    }

    [Fact]
    public void No_order_fills_on_the_bar_it_was_decided()
    {
        var orders = Result.Orders.ToDictionary(o => o.Id);

        Assert.All(Result.Fills, f => Assert.True(f.Time > orders[f.OrderId].SubmittedAt, $"{f} filled at its decision time"));

        // And no order of a rebalance fills at the rebalance's own decision time.
        var decisions = Result.Rebalances.Select(r => r.Time).ToHashSet();
        Assert.DoesNotContain(Result.Fills, f => decisions.Contains(f.Time) && orders[f.OrderId].SubmittedAt == f.Time);
    }

    [Fact]
    public void The_buys_of_a_rebalance_go_out_only_once_its_sells_are_done()
    {
        var times = Result.Rebalances.Select(r => r.Time).ToList();
        var checkedBoth = 0;
        for (var i = 0; i < times.Count; i++)
        {
            var end = i + 1 < times.Count ? times[i + 1] : DateTime.MaxValue;
            var orders = Result.Orders.Where(o => o.SubmittedAt >= times[i] && o.SubmittedAt < end).ToList();
            var sells = orders.Where(o => o.Request.Side == OrderSide.Sell).ToList();
            var buys = orders.Where(o => o.Request.Side == OrderSide.Buy).ToList();
            if (sells.Count == 0 || buys.Count == 0)
            {
                continue;
            }

            checkedBoth++;
            foreach (var sell in sells)
            {
                var last = sell.Events[^1];
                Assert.True(last.Status.IsTerminal(), $"{sell} never finished");
                Assert.All(buys, buy => Assert.True(buy.SubmittedAt >= last.Time, $"{buy} went out at {buy.SubmittedAt:u}, before {sell} was done at {last.Time:u}"));
            }

            // The sells fill at the next bar, so the buys cannot go out on the decision bar.
            Assert.All(buys, buy => Assert.True(buy.SubmittedAt > times[i]));
        }

        Assert.True(checkedBoth > 10, $"only {checkedBoth} rebalances both sold and bought");
    }

    [Fact]
    public void A_cash_account_never_goes_below_zero_cash()
    {
        Assert.All(Result.EquityCurve, p => Assert.True(p.Cash >= 0, $"cash {p.Cash} at {p.Time:u}"));
        Assert.True(Result.FinalCash >= 0);
        Assert.DoesNotContain(Result.Orders, o => o.Status == OrderStatus.Rejected);
    }

    [Fact]
    public void Final_equity_is_cash_plus_the_positions_at_their_last_close()
    {
        // Positions rebuilt from the fills and the splits (applied before the open of their ex-date).
        var held = new Dictionary<Symbol, decimal>();
        var events = Result.Fills.Select(f => (Time: f.Time, Order: 1, Symbol: f.Symbol, Apply: (Func<decimal, decimal>)(q => q + f.SignedQuantity)))
            .Concat(run.Market.Actions
                .Where(a => a.Kind == CorporateActionKind.Split)
                .Select(a => (Time: a.ExDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), Order: 0, a.Symbol, Apply: (Func<decimal, decimal>)(q => q * a.Value))))
            .OrderBy(e => e.Time)
            .ThenBy(e => e.Order);
        foreach (var e in events)
        {
            held[e.Symbol] = e.Apply(held.GetValueOrDefault(e.Symbol));
        }

        var lastClose = run.Market.Series.ToDictionary(s => s.Symbol, s => (decimal)s.Close[^1]);
        var marketValue = held.Sum(h => h.Value * lastClose[h.Key]);

        Assert.True(held.Values.Any(q => q != 0), "the run ends with no position: the check would be empty");
        Assert.Equal(Result.FinalEquity, Result.FinalCash + marketValue, 2);
    }

    [Fact]
    public void The_same_run_twice_gives_the_same_results()
    {
        var again = run.Run();

        Assert.Equal(Result.FinalEquity, again.FinalEquity);
        Assert.Equal(Result.FinalCash, again.FinalCash);
        Assert.Equal(Result.Fills, again.Fills);
        Assert.Equal(Result.Rebalances.Count, again.Rebalances.Count);
        for (var i = 0; i < Result.Rebalances.Count; i++)
        {
            Assert.Equal(Result.Rebalances[i].Time, again.Rebalances[i].Time);
            Assert.Equal(Result.Rebalances[i].Notes, again.Rebalances[i].Notes);
            Assert.Equal(Result.Rebalances[i].Lines, again.Rebalances[i].Lines);
        }
    }

    [Fact]
    public void A_stock_held_into_its_split_is_not_sold_for_it()
    {
        // The three stocks that split in the window, all held whenever they qualify (top_percentage 1, no regime
        // filter: the index has too little history for it before 2015-10, when the first split is done).
        var splits = run.Market.Actions.Where(a => a.Kind == CorporateActionKind.Split).ToList();
        Assert.Equal(3, splits.Count);
        var result = run.Run([.. splits.Select(s => s.Symbol.Value)], new() { ["top_percentage"] = "1" }, regime: false);

        var heldAtTheirSplit = splits
            .Where(s => result.Fills.Where(f => f.Symbol == s.Symbol && Day(f.Time) < s.ExDate).Sum(f => f.SignedQuantity) != 0)
            .ToList();
        Assert.NotEmpty(heldAtTheirSplit);

        // Read as traded, a 3:1 split is a 67% gap and a close a third of its average: both filters would sell.
        // Read split-adjusted, nothing happened; no sell in the weeks after the split names a gap or the trend.
        foreach (var split in heldAtTheirSplit)
        {
            var after = result.Rebalances.Where(r => Day(r.Time) >= split.ExDate && Day(r.Time) <= split.ExDate.AddDays(21)).ToList();
            Assert.NotEmpty(after);
            Assert.DoesNotContain(
                after.SelectMany(r => r.Lines),
                l => l.Symbol == split.Symbol && l.Ordered < 0 && l.Reason is { } reason
                    && (reason.StartsWith("gap:", StringComparison.Ordinal) || reason.StartsWith("trend:", StringComparison.Ordinal)));
            Assert.DoesNotContain(result.Fills, f => f.Symbol == split.Symbol && f.Side == OrderSide.Sell && Day(f.Time) == split.ExDate.AddDays(1));
        }

        // And no gap reason anywhere names a split's ex-date.
        foreach (var split in splits)
        {
            Assert.DoesNotContain(
                result.Rebalances.SelectMany(r => r.Lines),
                l => l.Symbol == split.Symbol && l.Reason is { } reason && reason.StartsWith("gap:", StringComparison.Ordinal)
                    && reason.Contains($"on {split.ExDate:yyyy-MM-dd}", StringComparison.Ordinal));
        }
    }
}
