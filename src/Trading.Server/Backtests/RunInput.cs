using Trading.Backtesting;
using Trading.Data;
using Trading.Data.Synthetic;
using Trading.Domain;
using Trading.Server.Data;

namespace Trading.Server.Backtests;

/// <summary>What a backtest or a search over HTTP runs over: the built-in synthetic market when no symbols are named
/// (generated once per process, its index the benchmark unless one is given, its own calendar for schedules), else the
/// stored symbols' bars in the range and their corporate actions.</summary>
internal sealed class RunInput(IMarketDataStore store)
{
    private readonly Lazy<MarketDataBatch> _synthetic = new(() => SyntheticMarket.Generate(new SyntheticMarketOptions()));

    /// <param name="index">The market index a regime filter reads (the whole of it up to the range's end), or null.</param>
    /// <param name="benchmark">The stored benchmark, already read, or null (the synthetic market's index for it).</param>
    public async Task<BacktestInput> LoadAsync(IReadOnlyList<Symbol>? symbols, BarRange range, string? index, BarSeries? benchmark, CancellationToken cancellationToken)
    {
        if (symbols is null)
        {
            var market = _synthetic.Value;
            var stocks = market.Series.Where(s => s.Symbol != SyntheticMarket.IndexSymbol).Select(s => s.Between(range.From, range.To)).ToList();
            var whole = market.Series.First(s => s.Symbol == SyntheticMarket.IndexSymbol);
            return new BacktestInput(stocks, market.Actions, benchmark ?? whole.Between(range.From, range.To))
            {
                // The whole index up to the last bar, so a regime filter is ready on the first day (as the command line does).
                MarketIndex = index is null ? null : whole.Between(null, range.To),

                // Its own sessions for schedules, as the command line has them: it trades on days the NYSE does not.
                Calendar = SyntheticExchangeCalendar.Instance,
            };
        }

        // One snapshot of the store: an import writing several symbols at once is seen whole or not at all.
        var (universe, actions) = await store.ReadUniverseAsync(symbols, range.Interval, range.From, range.To, cancellationToken).ConfigureAwait(false);
        var marketIndex = index is not null
            ? await store.ReadBarsAsync(Symbol.Parse(index), range.Interval, null, range.To, cancellationToken).ConfigureAwait(false)
            : null;
        return new BacktestInput(universe, actions, benchmark) { MarketIndex = marketIndex };
    }
}
