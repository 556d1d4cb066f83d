using Trading.Data;
using Trading.Domain;

namespace Trading.Cli;

/// <summary>The store a command works on: SQLite (the embedded default, or <c>--db</c>), or PostgreSQL when
/// configuration says <c>Store:Provider=postgres</c>. Owns it and closes it when the command is done.</summary>
internal sealed class CliStore(IMarketDataStore store, string folder) : IMarketDataStore, IDisposable
{
    /// <summary>Where a command writes files that belong with the data (the demo's reports): the SQLite file's
    /// folder, or <c>.trade</c> in the working directory for a server database.</summary>
    public string Folder { get; } = folder;

    public Task<StoreWriteResult> WriteAsync(MarketDataBatch batch, CancellationToken cancellationToken = default) =>
        store.WriteAsync(batch, cancellationToken);

    public Task<BarSeries> ReadBarsAsync(Symbol symbol, Interval interval, DateTime? from = null, DateTime? to = null, CancellationToken cancellationToken = default) =>
        store.ReadBarsAsync(symbol, interval, from, to, cancellationToken);

    public Task<IReadOnlyList<CorporateAction>> ReadActionsAsync(Symbol symbol, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default) =>
        store.ReadActionsAsync(symbol, from, to, cancellationToken);

    public Task<IReadOnlyList<SeriesSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        store.ListAsync(cancellationToken);

    public void Dispose() => (store as IDisposable)?.Dispose();

    public override string ToString() => store.ToString() ?? "market data store";
}
