using Trading.Backtesting;
using Trading.Domain;
using Trading.Portfolio;
using Trading.Strategies;
using Trading.Strategies.Momentum;

namespace Trading.Tests.Strategies.Momentum;

public sealed class MomentumSplitTests
{
    private static readonly Symbol B = Symbol.Parse("B");

    [Fact]
    public void A_held_stock_that_splits_is_not_sold_on_the_split_day()
    {
        // Two stocks rising 0.2% a day on NYSE days, high − low = 1; both are picks (top_percentage 1) and the
        // portfolio rebalances daily. B splits 2:1 at bar 130: from then on its raw prices are half. Read as
        // traded, that is a 50% gap and a close far under its average; adjusted, it is the same steady rise.
        var times = NyseCalendar.Instance.TradingDays(new DateOnly(2024, 1, 2), new DateOnly(2024, 12, 31))
            .Take(160)
            .Select(d => d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc))
            .ToArray();
        var a = MomentumBars.Exponential("A", 160, growth: 0.002, start: 50, range: 1).Build(times);
        var b = MomentumBars.Exponential("B", 160, growth: 0.002, start: 60, range: 1);
        const int splitBar = 130;
        for (var i = splitBar; i < 160; i++)
        {
            b.Open[i] /= 2;
            b.High[i] /= 2;
            b.Low[i] /= 2;
            b.Close[i] /= 2;
        }

        var splitDay = DateOnly.FromDateTime(times[splitBar]);
        var input = new BacktestInput([a, b.Build(times)], [CorporateAction.Split(B, splitDay, 2)]);
        var definition = StrategyRegistry.Default.Find(MomentumStrategy.Name);
        var parameters = definition.Bind(new Dictionary<string, string> { ["top_percentage"] = "1", ["rebalance"] = "daily" });

        var result = BacktestEngine.Run(definition.Name, definition.Create(parameters), parameters.AsText(), input, new BacktestSettings());

        // B was bought before the split (100,000 × 0.001 / ATR 1 ≈ 100 shares) and never sold.
        var bought = result.Fills.Where(f => f.Symbol == B && DateOnly.FromDateTime(f.Time) < splitDay).Sum(f => f.SignedQuantity);
        Assert.True(bought >= 100, $"B bought {bought} before the split");
        Assert.DoesNotContain(result.Fills, f => f.Side == OrderSide.Sell);
        Assert.DoesNotContain(result.Orders, o => o.Request.Side == OrderSide.Sell);

        // The rebalance of the split day wanted B at about twice the old count (ATR halves, so shares double).
        var onSplitDay = Assert.Single(result.Rebalances, r => DateOnly.FromDateTime(r.Time) == splitDay);
        var line = Assert.Single(onSplitDay.Lines, l => l.Symbol == B);
        Assert.True(line.Before >= 2 * bought, $"{line}");
        Assert.True(line.Desired >= line.Before, $"{line}");
        Assert.NotEqual(ReconciliationOutcome.Rejected, line.Outcome);
        Assert.DoesNotContain(onSplitDay.Lines, l => l.Reason is { } reason && (reason.StartsWith("gap:", StringComparison.Ordinal) || reason.StartsWith("trend:", StringComparison.Ordinal)));
    }
}
