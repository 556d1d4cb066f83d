using Trading.Backtesting;
using Trading.Domain;
using Trading.Strategies;

namespace Trading.Tests.Backtesting;

public class SplitAwareStrategyTests
{
    private static readonly Symbol Abc = Symbol.Parse("ABC");

    /// <summary>Closes 10, 9, 8, then up by 1 a day to 20, then a 2:1 split and up by 0.5 a day from 10.5: the same
    /// steady rise in new units. Open = close, so fills happen at the next close's level.</summary>
    private static BacktestInput RiseThroughASplit(out DateOnly splitDay)
    {
        var closes = new List<double> { 10, 9, 8 };
        for (var c = 9; c <= 20; c++)
        {
            closes.Add(c);
        }

        var beforeSplit = closes.Count;
        for (var i = 1; i <= 8; i++)
        {
            closes.Add(10 + (0.5 * i));
        }

        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var bars = closes.Select((c, i) => new Bar(start.AddDays(i), c, c, c, c, 1_000_000));
        splitDay = DateOnly.FromDateTime(start.AddDays(beforeSplit));
        return new BacktestInput([BarSeries.FromBars(Abc, Interval.Daily, bars)], [CorporateAction.Split(Abc, splitDay, 2)]);
    }

    [Fact]
    public void Sma_cross_does_not_read_a_split_as_a_crash()
    {
        var input = RiseThroughASplit(out var splitDay);
        var definition = StrategyRegistry.Default.Find("sma_cross");
        var parameters = definition.Bind(new Dictionary<string, string> { ["fast"] = "2", ["slow"] = "3", ["quantity"] = "10" });

        var result = BacktestEngine.Run(definition.Name, definition.Create(parameters), parameters.AsText(), input, new BacktestSettings());

        // One entry on the way up (fast crosses above slow after the dip), no exit at the split: the 10 shares
        // became 20 and are still held; a false cross would have sold them on the split.
        var fill = Assert.Single(result.Fills);
        Assert.Equal(OrderSide.Buy, fill.Side);
        Assert.True(DateOnly.FromDateTime(fill.Time) < splitDay);
        Assert.Empty(result.Trades);
        Assert.Equal(20m * 14m, result.FinalEquity - result.FinalCash);
    }
}
