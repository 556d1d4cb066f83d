using Trading.Backtesting;
using Trading.Data.Synthetic;
using Trading.Domain;
using Trading.Execution;
using Trading.Portfolio;

namespace Trading.Tests.Samples;

/// <summary>Each sample of samples/strategies, compiled as a user's file is, does what docs/strategies.md says it does.</summary>
public sealed class SampleStrategyTests(SampleStrategies samples) : IClassFixture<SampleStrategies>
{
    private static readonly HashSet<Symbol> Split = [.. SampleStrategies.Market.Actions.Where(a => a.Kind == CorporateActionKind.Split).Select(a => a.Symbol)];

    [Theory]
    [MemberData(nameof(SampleStrategies.All), MemberType = typeof(SampleStrategies))]
    public void Each_sample_compiles_with_the_users_loader_declares_the_strategy_it_is_named_after_and_trades(string name)
    {
        var source = samples.Load(name);

        Assert.Equal(name, Assert.Single(source.Strategies).Name);
        var result = samples.Run(name);
        Assert.NotEmpty(result.Fills);
    }

    [Fact]
    public void Dip_buyers_entry_is_a_one_session_limit_and_its_exits_a_take_profit_limit_and_a_stop_loss_that_cancel_each_other()
    {
        var result = samples.Run("dip_buyer");

        var entries = result.Orders.Where(o => o.ParentId is null).ToList();
        Assert.NotEmpty(entries);
        var (profits, stops) = (0, 0);
        foreach (var entry in entries)
        {
            Assert.Equal((OrderType.Limit, OrderSide.Buy, TimeInForce.Day), (entry.Request.Type, entry.Request.Side, entry.Request.TimeInForce));
            var exits = result.Orders.Where(o => o.ParentId == entry.Id).ToList();
            var profit = Assert.Single(exits, o => o.Request.Type == OrderType.Limit);
            var loss = Assert.Single(exits, o => o.Request.Type == OrderType.Stop);
            Assert.Equal(2, exits.Count);
            Assert.All(exits, x => Assert.Equal(OrderSide.Sell, x.Request.Side));
            Assert.Equal((loss.Id, profit.Id), (profit.OneCancelsOtherId, loss.OneCancelsOtherId));
            Assert.InRange(profit.Request.LimitPrice!.Value / loss.Request.StopPrice!.Value, (1.04m / 0.97m) - 1e-12m, (1.04m / 0.97m) + 1e-12m);
            if (entry.FilledQuantity == 0)
            {
                Assert.Equal(OrderStatus.Expired, entry.Status);
                Assert.All(exits, x => Assert.Equal(OrderStatus.Cancelled, x.Status));
                continue;
            }

            if (exits.SingleOrDefault(x => x.Status == OrderStatus.Filled) is not { } winner)
            {
                continue; // still open when the run ended
            }

            var other = exits.Single(x => x != winner);
            Assert.Equal(OrderStatus.Cancelled, other.Status);
            Assert.StartsWith("one-cancels-other", other.Reason, StringComparison.Ordinal);
            (profits, stops) = winner == profit ? (profits + 1, stops) : (profits, stops + 1);
        }

        Assert.True(profits > 0 && stops > 0, $"{profits} take-profits and {stops} stop-losses filled");
        Assert.Contains(entries, e => e.Status == OrderStatus.Expired);
    }

    [Fact]
    public void My_rsi_bids_at_an_oversold_close_with_a_limit_and_exits_by_a_bracket_4_percent_up_or_3_percent_down()
    {
        var result = samples.Run("my_rsi");

        var entries = result.Orders.Where(o => o.ParentId is null).ToList();
        Assert.Contains(entries, e => e.Status == OrderStatus.Filled);
        foreach (var entry in entries)
        {
            Assert.Equal((OrderType.Limit, OrderSide.Buy), (entry.Request.Type, entry.Request.Side));
            var symbol = SampleStrategies.Market.Universe.Single(s => s.Symbol == entry.Request.Symbol);
            var at = symbol.IndexAtOrBefore(entry.SubmittedAt);
            Assert.Equal(BarPrice.ToDecimal(symbol.Close[at]), entry.Request.LimitPrice);
            Assert.True(Trading.Indicators.Rsi.Compute(symbol.Close, 14)[at] < 30, $"{entry.Request.Symbol} {entry.SubmittedAt:yyyy-MM-dd}: RSI not below 30");
            var exits = result.Orders.Where(o => o.ParentId == entry.Id).ToList();
            Assert.Equal(entry.Request.LimitPrice * 1.04m, Assert.Single(exits, o => o.Request.Type == OrderType.Limit).Request.LimitPrice);
            Assert.Equal(entry.Request.LimitPrice * 0.97m, Assert.Single(exits, o => o.Request.Type == OrderType.Stop).Request.StopPrice);
            if (exits.SingleOrDefault(x => x.Status == OrderStatus.Filled) is { } winner)
            {
                Assert.Equal(OrderStatus.Cancelled, exits.Single(x => x != winner).Status);
            }
        }
    }

    [Theory]
    [InlineData("wednesday", DayOfWeek.Wednesday)]
    [InlineData("friday", DayOfWeek.Friday)]
    public void Weekly_ranking_rebalances_on_each_of_its_schedules_days_and_on_no_other(string weekday, DayOfWeek day)
    {
        var result = samples.Run("weekly_ranking", new Dictionary<string, string> { ["weekday"] = weekday, ["lookback"] = "20", ["top"] = "3" });

        var schedule = new WeeklySchedule(day);
        var days = result.EquityCurve.Select(p => DateOnly.FromDateTime(p.Time)).ToList();
        var scheduled = days.Where(d => schedule.IsRebalanceDay(d, SyntheticExchangeCalendar.Instance)).ToList();
        Assert.Equal(scheduled, result.Rebalances.Select(r => DateOnly.FromDateTime(r.Time)));

        // Sells go out on the day, buys once they have filled: on the day when nothing is sold, else on the next bar.
        var sendingDays = scheduled.SelectMany(d => days.IndexOf(d) + 1 < days.Count ? [d, days[days.IndexOf(d) + 1]] : new[] { d }).ToHashSet();
        Assert.NotEmpty(result.Orders);
        Assert.All(result.Orders, o => Assert.Contains(DateOnly.FromDateTime(o.SubmittedAt), sendingDays));
        Assert.Contains(result.Orders, o => !scheduled.Contains(DateOnly.FromDateTime(o.SubmittedAt)));
        Assert.All(result.Rebalances, r => Assert.True(r.Lines.Count(l => l.Desired > 0) <= 3, $"{r.Time:yyyy-MM-dd} wants {r.Lines.Count(l => l.Desired > 0)} positions"));
    }

    [Fact]
    public void Weekly_ranking_ranks_on_split_adjusted_closes_so_a_split_is_not_a_loss()
    {
        // AAA gains 1% a day and splits 2:1 on day 60; BBB gains 0.5% a day. Unadjusted, AAA's return over 20 bars
        // would read -40% after the split and the ranking would swap it for BBB.
        var start = new DateTime(2021, 1, 4, 0, 0, 0, DateTimeKind.Utc);
        var times = Enumerable.Range(0, 200).Select(i => start.AddDays(i)).Where(t => t.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Take(100).ToList();
        var (aaa, bbb) = (Symbol.Parse("AAA"), Symbol.Parse("BBB"));
        var splitDay = times[60];
        BarSeries Path(Symbol symbol, double gain, bool splits) => BarSeries.FromBars(symbol, Interval.Daily, times.Select((t, i) =>
        {
            var price = Math.Round(20 * Math.Pow(1 + gain, i) / (splits && t >= splitDay ? 2 : 1), 2);
            return new Bar(t, price, price, price, price, 1_000_000);
        }));
        var input = new BacktestInput([Path(aaa, 0.01, splits: true), Path(bbb, 0.005, splits: false)], [CorporateAction.Split(aaa, DateOnly.FromDateTime(splitDay), 2m)])
        {
            Calendar = WeekdayCalendar.Instance,
        };

        var result = samples.Run("weekly_ranking", new Dictionary<string, string> { ["lookback"] = "20", ["top"] = "1", ["max_position_weight"] = "1" }, input);

        // Held throughout: only trimmed back to its weight as it gains (a sell of a few shares), never swapped.
        var bought = result.Fills.First(f => f.Symbol == aaa && f.Side == OrderSide.Buy && f.Time < splitDay).Quantity;
        Assert.All(result.Fills.Where(f => f.Symbol == aaa && f.Side == OrderSide.Sell), f => Assert.True(
            f.Quantity < 0.05m * bought * (f.Time >= splitDay ? 2 : 1),
            $"{f.Time:yyyy-MM-dd}: sold {f.Quantity} of the {bought} shares bought"));
        Assert.DoesNotContain(result.Fills, f => f.Symbol == bbb);
        Assert.Contains(result.Rebalances, r => r.Time > splitDay);
    }

    [Fact]
    public void Rsi_trailing_protects_each_fill_of_an_entry_partial_or_whole_with_a_trailing_stop_of_its_size()
    {
        // Volume-capped fills on a big account: entries fill over several bars.
        var settings = new BacktestSettings { InitialCash = 100_000_000m, Venue = new VenueSettings { MaxVolumeParticipation = 0.01m } };

        var result = samples.Run("rsi_trailing", settings: settings);

        var entries = result.Orders.Where(o => o.Request.Tag == "entry").ToDictionary(o => o.Id);
        var stops = result.Orders.Where(o => o.Request.Tag == "trailing stop").ToList();
        var entryFills = result.Fills.Where(f => entries.ContainsKey(f.OrderId)).ToList();
        Assert.Contains(entries.Values, e => result.Fills.Count(f => f.OrderId == e.Id) > 1);
        Assert.Equal(entryFills.Count, stops.Count);
        Assert.All(stops, s => Assert.Equal((OrderType.TrailingStop, OrderSide.Sell, 0.08m), (s.Request.Type, s.Request.Side, s.Request.TrailPercent)));
        foreach (var fill in entryFills.Where(f => !Split.Contains(f.Symbol)))
        {
            Assert.Contains(stops, s => s.Request.Symbol == fill.Symbol && s.SubmittedAt == fill.Time && s.Request.Quantity == fill.Quantity);
        }
    }

    [Fact]
    public void Rsi_trailing_notes_each_rejected_order_with_its_reason()
    {
        var result = samples.Run("rsi_trailing", new Dictionary<string, string> { ["allocation"] = "0.9" });

        var rejected = result.Orders.Where(o => o.Status == OrderStatus.Rejected).ToList();
        Assert.NotEmpty(rejected);
        Assert.All(rejected, o => Assert.Contains(result.Warnings, w => w.EndsWith($"order #{o.Id} was rejected: {o.Reason}", StringComparison.Ordinal)));
    }

    [Fact]
    public void Chasing_limit_replaces_its_unfilled_bid_at_each_close_then_cancels_it()
    {
        var result = samples.Run("chasing_limit");

        var bids = result.Orders.Where(o => o.Request.Tag == "entry" && !Split.Contains(o.Request.Symbol)).ToList();
        var cancelled = bids.Where(o => o.Status == OrderStatus.Cancelled).ToList();
        Assert.NotEmpty(cancelled);
        foreach (var bid in cancelled)
        {
            // Moved at each of the three bars after it was sent, to 1% below that bar's close; cancelled at the fourth.
            var series = SampleStrategies.Market.Universe.Single(s => s.Symbol == bid.Request.Symbol);
            var sent = series.IndexAtOrBefore(bid.SubmittedAt);
            Assert.Equal(Math.Round(BarPrice.ToDecimal(series[sent + 3].Close) * 0.99m, 2), bid.Request.LimitPrice);
            Assert.Equal((series[sent + 4].Time, "cancelled on request"), (bid.Events[^1].Time, bid.Reason));
            Assert.Equal(0m, bid.FilledQuantity);
        }

        // Some filled after a move: at a limit that is not the one they were sent with.
        Assert.Contains(bids, b => b.Status == OrderStatus.Filled
            && b.Request.LimitPrice != Math.Round(BarPrice.ToDecimal(SampleStrategies.BarAt(SampleStrategies.Market, b.Request.Symbol, b.SubmittedAt).Bar.Close) * 0.99m, 2));
    }

    [Fact]
    public void Oco_breakouts_first_entry_to_fill_cancels_the_other_and_it_leaves_at_the_close()
    {
        var result = samples.Run("oco_breakout");

        var orders = result.Orders.ToDictionary(o => o.Id);
        var paired = result.Orders.Where(o => o.OneCancelsOtherId is not null).ToList();
        Assert.NotEmpty(paired);
        foreach (var order in paired)
        {
            var other = orders[order.OneCancelsOtherId!.Value];
            Assert.Equal(order.Id, other.OneCancelsOtherId);
            Assert.False(order.FilledQuantity > 0 && other.FilledQuantity > 0, $"#{order.Id} and #{other.Id} both filled");
            if (order.Status == OrderStatus.Filled)
            {
                Assert.Equal(OrderStatus.Cancelled, other.Status);
                Assert.StartsWith("one-cancels-other", other.Reason, StringComparison.Ordinal);
            }
            else if (other.Status != OrderStatus.Filled && order.SubmittedAt < result.End)
            {
                Assert.Equal(OrderStatus.Expired, order.Status); // a day order whose session ended
            }
        }

        Assert.Contains(paired, o => o.Request.Tag == "breakout" && o.Request.Type == OrderType.Stop && o.Status == OrderStatus.Filled);
        Assert.Contains(paired, o => o.Request.Tag == "washout" && o.Request.Type == OrderType.Limit && o.Status == OrderStatus.Filled);
        var exits = result.Orders.Where(o => o.Request.Tag == "exit" && o.Status == OrderStatus.Filled).ToList();
        Assert.NotEmpty(exits);
        foreach (var exit in exits)
        {
            var fill = Assert.Single(result.Fills, f => f.OrderId == exit.Id);
            Assert.Equal(OrderType.MarketOnClose, exit.Request.Type);
            Assert.Equal(BarPrice.ToDecimal(SampleStrategies.BarAt(SampleStrategies.Market, fill.Symbol, fill.Time).Bar.Close), fill.Price);
        }
    }

    [Fact]
    public void Order_types_fills_each_type_by_its_rule()
    {
        var result = samples.Run("order_types", new Dictionary<string, string> { ["spacing"] = "5" });

        var first = SampleStrategies.Market.Universe[0].Symbol;
        Assert.All(result.Orders, o => Assert.Equal(first, o.Request.Symbol));
        OrderType[] entryTypes = [OrderType.Market, OrderType.MarketOnOpen, OrderType.MarketOnClose, OrderType.Limit, OrderType.Stop, OrderType.StopLimit];
        var entries = result.Orders.Where(o => o.Request.Side == OrderSide.Buy && o.Status == OrderStatus.Filled).ToList();
        Assert.Equal(entryTypes, entryTypes.Where(t => entries.Any(e => e.Request.Type == t)));
        foreach (var entry in entries)
        {
            var fill = Assert.Single(result.Fills, f => f.OrderId == entry.Id);
            var (_, next) = SampleStrategies.BarAt(SampleStrategies.Market, first, entry.SubmittedAt);
            var order = entry.Request;
            switch (order.Type)
            {
                case OrderType.Market or OrderType.MarketOnOpen:
                    Assert.Equal((next!.Value.Time, BarPrice.ToDecimal(next.Value.Open)), (fill.Time, fill.Price));
                    break;
                case OrderType.MarketOnClose:
                    Assert.Equal((next!.Value.Time, BarPrice.ToDecimal(next.Value.Close)), (fill.Time, fill.Price));
                    break;
                case OrderType.Limit:
                    Assert.True(fill.Price <= order.LimitPrice, $"limit buy at {order.LimitPrice} filled at {fill.Price}");
                    break;
                case OrderType.Stop:
                    Assert.True(fill.Price >= order.StopPrice, $"stop buy at {order.StopPrice} filled at {fill.Price}");
                    break;
                default:
                    Assert.True(fill.Price <= order.LimitPrice && order.TimeInForce == TimeInForce.Day, $"{order} filled at {fill.Price}");
                    break;
            }
        }

        Assert.Contains(result.Orders, o => o.Request.Type == OrderType.TrailingStop && o.Status == OrderStatus.Filled);
        Assert.Contains(result.Orders, o => o.Request.Type == OrderType.StopLimit && o.Status == OrderStatus.Expired);
    }
}
