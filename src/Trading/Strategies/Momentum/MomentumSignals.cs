using Trading.Data;
using Trading.Domain;

namespace Trading.Strategies.Momentum;

/// <summary>The momentum ranking of stored symbols as of a date: what <c>trade signals</c> and the original's
/// <c>generate_signals</c> route answer.</summary>
public static class MomentumSignals
{
    /// <summary>Reads each symbol's bars from <paramref name="from"/> (null: all stored history) to
    /// <paramref name="asOf"/> (null: the latest), takes stored splits out of them, and ranks them against
    /// <paramref name="index"/> (null: regime filter off).</summary>
    /// <exception cref="MarketDataNotFoundException">The index has no bars in the range, or none of the
    /// symbols has: a ranking of nothing would look like "no signals".</exception>
    public static async Task<MomentumRanking> GenerateAsync(
        IMarketDataStore store,
        IReadOnlyList<Symbol> symbols,
        Symbol? index,
        Interval interval,
        DateTime? from,
        DateTime? asOf,
        MomentumSettings settings,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(symbols);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validated();
        var universe = new List<BarSeries>(symbols.Count);
        foreach (var symbol in symbols)
        {
            var bars = await store.ReadBarsAsync(symbol, interval, from, asOf, cancellationToken).ConfigureAwait(false);
            universe.Add(await SplitAdjustedAsync(store, bars, asOf, cancellationToken).ConfigureAwait(false));
        }

        if (universe.TrueForAll(s => s.IsEmpty))
        {
            throw new MarketDataNotFoundException($"no {interval} bars of {string.Join(", ", symbols)}{RangeText(from, asOf)}");
        }

        BarSeries? indexBars = null;
        if (index is { } indexSymbol)
        {
            indexBars = await store.ReadBarsAsync(indexSymbol, interval, from, asOf, cancellationToken).ConfigureAwait(false);
            if (indexBars.IsEmpty)
            {
                throw new MarketDataNotFoundException($"no {interval} bars of the market index {indexSymbol}{RangeText(from, asOf)}");
            }
        }

        return MomentumRanking.Rank(universe, indexBars, settings);
    }

    /// <summary><paramref name="bars"/> with the stored splits up to <paramref name="asOf"/> (null: all) taken out,
    /// as the ranking wants them: a split is not a crash, and one after the decision date is not known yet.</summary>
    public static async Task<BarSeries> SplitAdjustedAsync(IMarketDataStore store, BarSeries bars, DateTime? asOf, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(bars);
        if (bars.IsEmpty)
        {
            return bars;
        }

        var actions = await store.ReadActionsAsync(bars.Symbol, DateOnly.FromDateTime(bars.FirstTime).AddDays(1), asOf is { } t ? DateOnly.FromDateTime(t) : null, cancellationToken).ConfigureAwait(false);
        return actions.Count == 0 ? bars : bars.AdjustedFor(actions, PriceAdjustment.Splits);
    }

    private static string RangeText(DateTime? from, DateTime? to) =>
        from is null && to is null ? string.Empty : $" between {from?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "the start"} and {to?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "the end"}";
}
