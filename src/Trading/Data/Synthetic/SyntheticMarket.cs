using System.Globalization;
using Trading.Domain;

namespace Trading.Data.Synthetic;

/// <summary>
/// A made-up but realistic daily stock market for the demo, tests and benchmarks: stocks SYN001, SYN002, ... and the
/// equal-weighted index ^SYN, with splits and dividends, generated deterministically from a seed.
/// </summary>
/// <remarks>
/// <para>
/// Each stock's daily log return is drift + beta * market + loading * sector + noise, where the market factor has
/// GARCH(1,1) volatility (calm years and crashes), eight sector factors share the market's regime, and the stock's
/// own noise is Student-t with 4 degrees of freedom. About three times a year per stock news arrives overnight and shows as a gap between the
/// previous close and the open; one such gap in twenty is a 15-40% shock. Volumes are log-normal around each stock's
/// usual turnover and rise on big moves and in turbulent markets.
/// </para>
/// <para>
/// Prices are raw, as traded, in whole cents: when a stock climbs past its board's threshold it splits 2:1 or 3:1
/// (its price drops by the ratio on the ex-date, its volume rises by it), when it sinks under $2 it does a 1:10
/// reverse split, and dividend payers go ex quarterly, their price dropping by the dividend. The splits and
/// dividends come back as <see cref="CorporateAction"/> records for the ledger and the adjuster to apply.
/// </para>
/// <para>
/// Same options, same output, bit for bit, on a given platform: the generator is our own xoshiro256** and the loop
/// is single-threaded. Every stock draws from its own stream of the seed, so SYN007 is the same stock in a
/// 10-stock market as in a 500-stock one (as long as the symbol width is the same); only the index changes.
/// All stocks list on the first trading day and none is delisted.
/// </para>
/// </remarks>
public static class SyntheticMarket
{
    /// <summary>The market index's symbol; its series comes after the stocks in the batch.</summary>
    public static Symbol IndexSymbol { get; } = Symbol.Parse("^SYN");

    /// <summary>The ticker of stock <paramref name="number"/> (1-based) in a market of <paramref name="count"/>:
    /// SYN plus the number zero-padded to the width of the count, at least three digits (SYN001, SYN0001).</summary>
    public static Symbol StockSymbol(int number, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(number, count);
        var width = Math.Max(3, count.ToString(CultureInfo.InvariantCulture).Length);
        return Symbol.Parse("SYN" + number.ToString("D" + width.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
    }

    /// <summary>Generates the market: one daily series per stock then the index, and the stocks' splits and dividends.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public static MarketDataBatch Generate(SyntheticMarketOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var days = SyntheticCalendar.TradingDays(options.From, options.To);
        var time = new DateTime[days.Length];
        for (var d = 0; d < days.Length; d++)
        {
            time[d] = days[d].ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        }

        // Every series shares the one times array: a series never changes its arrays, so sharing is safe and saves
        // 8 bytes a bar.
        var factors = MarketFactors.Simulate(options.Seed, days.Length);
        var index = new EqualWeightedIndex(days.Length);
        var series = new BarSeries[options.Symbols + 1];
        var actions = new List<CorporateAction>();
        for (var i = 0; i < options.Symbols; i++)
        {
            var rng = Xoshiro256StarStar.Create(options.Seed, (ulong)i + 1);
            var profile = StockProfile.Draw(rng);
            var symbol = StockSymbol(i + 1, options.Symbols);
            series[i] = StockPath.Simulate(symbol, profile, rng, factors, days, time, index, actions);
        }

        series[options.Symbols] = index.Build(IndexSymbol, time);
        return new MarketDataBatch(series, actions);
    }
}
