using Trading.Data;
using Trading.Data.Storage.Postgres;
using Trading.Data.Storage.Sqlite;
using Trading.Domain;
using Trading.Journal;

namespace Trading.Cli;

/// <summary>The store a command works on: SQLite (the embedded default, or <c>--db</c>), or PostgreSQL when
/// configuration says <c>Store:Provider=postgres</c>, with the strategy settings kept in the same database. Owns
/// both and closes them when the command is done.</summary>
internal sealed class CliStore : IMarketDataStore, IDisposable
{
    private readonly IMarketDataStore _store;
    private readonly Func<IStrategySettingsStore> _openSettings;
    private readonly Func<IJournalStore> _openJournal;
    private IStrategySettingsStore? _settings;
    private IJournalStore? _journal;

    private CliStore(IMarketDataStore store, string folder, Func<IStrategySettingsStore> openSettings, Func<IJournalStore> openJournal)
    {
        _store = store;
        Folder = folder;
        _openSettings = openSettings;
        _openJournal = openJournal;
    }

    /// <summary>Where a command writes files that belong with the data (the demo's reports): the SQLite file's
    /// folder, or <c>.trade</c> in the working directory for a server database.</summary>
    public string Folder { get; }

    /// <summary>The strategy parameters configured for this database (over HTTP, or by another command), opened
    /// when first asked for.</summary>
    public IStrategySettingsStore Settings => _settings ??= _openSettings();

    /// <summary>The trading nodes' journals and registry in this database, opened when first asked for.</summary>
    public IJournalStore Journal => _journal ??= _openJournal();

    /// <summary>The registry of trading nodes (the same store as <see cref="Journal"/>).</summary>
    public INodeRegistry Nodes => (INodeRegistry)Journal;

    public static CliStore Sqlite(SqliteMarketDataStore store) =>
        new(store, Path.GetDirectoryName(store.DatabasePath)!, () => new SqliteStrategySettingsStore(store.DatabasePath), () => new SqliteJournalStore(store.DatabasePath));

    public static CliStore Postgres(PostgresMarketDataStore store, string folder) =>
        new(store, folder, () => new PostgresStrategySettingsStore(store), () => new PostgresJournalStore(store));

    public Task<StoreWriteResult> WriteAsync(MarketDataBatch batch, CancellationToken cancellationToken = default) =>
        _store.WriteAsync(batch, cancellationToken);

    public Task<BarSeries> ReadBarsAsync(Symbol symbol, Interval interval, DateTime? from = null, DateTime? to = null, CancellationToken cancellationToken = default) =>
        _store.ReadBarsAsync(symbol, interval, from, to, cancellationToken);

    public Task<IReadOnlyList<CorporateAction>> ReadActionsAsync(Symbol symbol, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default) =>
        _store.ReadActionsAsync(symbol, from, to, cancellationToken);

    public Task<IReadOnlyList<SeriesSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        _store.ListAsync(cancellationToken);

    /// <inheritdoc />
    public Task<StoredUniverse> ReadUniverseAsync(IReadOnlyList<Symbol> symbols, Interval interval, DateTime? from = null, DateTime? to = null, CancellationToken cancellationToken = default) =>
        _store.ReadUniverseAsync(symbols, interval, from, to, cancellationToken);

    /// <summary>The stored series of <paramref name="symbols"/> at <paramref name="interval"/>, in their order, or a
    /// <see cref="CliException"/> naming every one of them that has no bar stored at all: a mistyped ticker is not a
    /// stock with no history.</summary>
    /// <param name="role">What the symbols are, in front of their names: "the market index ".</param>
    public async Task<IReadOnlyList<SeriesSummary>> RequireStoredAsync(IReadOnlyList<Symbol> symbols, Interval interval, CancellationToken cancellationToken, string role = "")
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var stored = new Dictionary<Symbol, SeriesSummary>();
        foreach (var series in await _store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (series.Interval == interval)
            {
                stored[series.Symbol] = series;
            }
        }

        var unknown = symbols.Where(s => !stored.ContainsKey(s)).ToList();
        if (unknown.Count > 0)
        {
            var which = unknown.Count == 1 ? unknown[0].Value : $"{unknown.Count} symbols ({string.Join(", ", unknown.Take(20))}{(unknown.Count > 20 ? ", ..." : string.Empty)})";
            throw new CliException($"no {interval} bars stored for {role}{which} in {this}; check the spelling, or store them first with 'trade data import' or 'trade data fetch' ('trade data list' shows what is stored)");
        }

        return [.. symbols.Select(s => stored[s])];
    }

    public void Dispose()
    {
        (_settings as IDisposable)?.Dispose();
        (_journal as IDisposable)?.Dispose();
        (_store as IDisposable)?.Dispose();
    }

    public override string ToString() => _store.ToString() ?? "market data store";
}
