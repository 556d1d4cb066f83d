using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Trading.Backtesting;
using Trading.Data.Synthetic;
using Trading.Execution;
using Trading.Strategies;

namespace Trading.Tests.Backtesting;

/// <summary>Fixed runs hashed to the last bit, so any change to the engine's results shows up here. When a change is
/// meant to move results, update the pinned digest in the same commit and say why.</summary>
public class BacktestDigestTests
{
    private static BacktestResult SmaCrossOverSyntheticMarket()
    {
        var market = SyntheticMarket.Generate(new SyntheticMarketOptions { Symbols = 5, From = new DateOnly(2015, 1, 1), To = new DateOnly(2019, 12, 31) });
        var stocks = market.Series.Where(s => s.Symbol != SyntheticMarket.IndexSymbol).ToList();
        var definition = StrategyRegistry.Default.Find("sma_cross");
        var parameters = definition.Bind(new Dictionary<string, string> { ["fast"] = "10", ["slow"] = "30" });
        return BacktestEngine.Run(
            definition.Name,
            definition.Create(parameters),
            parameters.AsText(),
            new BacktestInput(stocks, market.Actions, market.Series.First(s => s.Symbol == SyntheticMarket.IndexSymbol)),
            new BacktestSettings { InitialCash = 100_000m, Venue = new VenueSettings { Commission = new PercentOfValueCommission(0.001m) } });
    }

    private const string Pinned = "4A68F58F7A365342B08FA94D66FF3DCCFF258592957AF41EFF52482990401315";

    internal static string Digest(BacktestResult result)
    {
        var text = new StringBuilder();
        foreach (var fill in result.Fills)
        {
            text.Append(CultureInfo.InvariantCulture, $"{fill.Time:O}|{fill.Symbol}|{fill.Side}|{fill.Quantity}|{fill.Price}|{fill.Commission}\n");
        }

        foreach (var point in result.EquityCurve)
        {
            text.Append(CultureInfo.InvariantCulture, $"{point.Time:O}|{BitConverter.DoubleToInt64Bits(point.Equity):X}|{BitConverter.DoubleToInt64Bits(point.Cash):X}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"{result.FinalEquity}|{result.FinalCash}|{result.Trades.Count}");
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    [Fact]
    public void The_same_run_twice_gives_the_same_bits()
    {
        Assert.Equal(Digest(SmaCrossOverSyntheticMarket()), Digest(SmaCrossOverSyntheticMarket()));
    }

    [Fact]
    public void Sma_cross_over_the_synthetic_market_matches_its_pinned_digest()
    {
        var result = SmaCrossOverSyntheticMarket();

        Assert.True(result.Fills.Count > 20, $"only {result.Fills.Count} fills: the pinned run should trade");
        var digest = Digest(result);
        Assert.True(digest == Pinned, $"digest {digest}");
    }
}
