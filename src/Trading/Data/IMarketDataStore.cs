using Trading.Domain;

namespace Trading.Data;

/// <summary>Where bars and corporate actions live between runs (SQLite by default, PostgreSQL when configured).</summary>
/// <remarks>
/// Bars are unique by (symbol, interval, time): writing a bar that is already stored replaces it, so importing the
/// same file twice stores each bar once. A write is one transaction: either the whole batch is stored or none of it.
/// Implementations keep their SQL dialect to themselves.
/// </remarks>
public interface IMarketDataStore
{
    /// <summary>Stores a batch atomically (upsert by key) and says how many rows it wrote.</summary>
    Task<StoreWriteResult> WriteAsync(MarketDataBatch batch, CancellationToken cancellationToken = default);

    /// <summary>The bars of one series between two times, both inclusive (null: open-ended), sorted by time.</summary>
    Task<BarSeries> ReadBarsAsync(
        Symbol symbol,
        Interval interval,
        DateTime? from = null,
        DateTime? to = null,
        CancellationToken cancellationToken = default);

    /// <summary>The corporate actions of one symbol with ex-dates between two dates, both inclusive, by date.</summary>
    Task<IReadOnlyList<CorporateAction>> ReadActionsAsync(
        Symbol symbol,
        DateOnly? from = null,
        DateOnly? to = null,
        CancellationToken cancellationToken = default);

    /// <summary>Every stored series with its first and last bar and its bar count, by symbol then interval.</summary>
    Task<IReadOnlyList<SeriesSummary>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The bars of <paramref name="symbols"/> between two times, both inclusive (null: open-ended), in their
    /// order (an empty series for a symbol with none), and all their corporate actions: what a backtest runs over.</summary>
    /// <remarks>A store that can should read it as one state of the store, never half of another process's write
    /// (SQLite and PostgreSQL do). This default, for stores that cannot do better, reads symbol by symbol: a write
    /// between two of its reads is seen by some symbols and not by others.</remarks>
    async Task<StoredUniverse> ReadUniverseAsync(
        IReadOnlyList<Symbol> symbols,
        Interval interval,
        DateTime? from = null,
        DateTime? to = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var series = new List<BarSeries>(symbols.Count);
        var actions = new List<CorporateAction>();
        foreach (var symbol in symbols)
        {
            series.Add(await ReadBarsAsync(symbol, interval, from, to, cancellationToken).ConfigureAwait(false));
            actions.AddRange(await ReadActionsAsync(symbol, cancellationToken: cancellationToken).ConfigureAwait(false));
        }

        return new StoredUniverse(series, actions);
    }
}

/// <summary>What one write stored.</summary>
public sealed record StoreWriteResult(long BarsWritten, long ActionsWritten);

/// <summary>One stored series: what <c>trade data list</c> prints.</summary>
public sealed record SeriesSummary(Symbol Symbol, Interval Interval, DateTime First, DateTime Last, long BarCount);
