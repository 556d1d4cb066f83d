using Trading.Data;
using Trading.Domain;

namespace Trading.Tests.Data.Storage;

/// <summary>Passes every call to an inner store and counts the calls, so cache tests can see which reads got through.
/// The inner store's write log is passed on too: following other processes' writes is no read of the store.</summary>
internal sealed class CountingMarketDataStore(IMarketDataStore inner) : IMarketDataStore, IMarketDataWriteLog
{
    private int _barReads;
    private int _actionReads;
    private int _lists;
    private int _universeReads;
    private int _writes;

    public int BarReads => Volatile.Read(ref _barReads);

    public int ActionReads => Volatile.Read(ref _actionReads);

    public int Lists => Volatile.Read(ref _lists);

    public int UniverseReads => Volatile.Read(ref _universeReads);

    public int Writes => Volatile.Read(ref _writes);

    /// <summary>When set, every bar read waits for it first, so a test can hold several readers in flight.</summary>
    public Task? BarReadGate { get; set; }

    public IMarketDataWriteWatch WatchWrites() =>
        inner is IMarketDataWriteLog log ? log.WatchWrites() : throw new NotSupportedException($"{inner} keeps no write log.");

    public Task<StoreWriteResult> WriteAsync(MarketDataBatch batch, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writes);
        return inner.WriteAsync(batch, cancellationToken);
    }

    public async Task<BarSeries> ReadBarsAsync(
        Symbol symbol,
        Interval interval,
        DateTime? from = null,
        DateTime? to = null,
        CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _barReads);
        if (BarReadGate is { } gate)
        {
            await gate;
        }

        return await inner.ReadBarsAsync(symbol, interval, from, to, cancellationToken);
    }

    public Task<IReadOnlyList<CorporateAction>> ReadActionsAsync(
        Symbol symbol,
        DateOnly? from = null,
        DateOnly? to = null,
        CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _actionReads);
        return inner.ReadActionsAsync(symbol, from, to, cancellationToken);
    }

    public Task<IReadOnlyList<SeriesSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _lists);
        return inner.ListAsync(cancellationToken);
    }

    public Task<StoredUniverse> ReadUniverseAsync(
        IReadOnlyList<Symbol> symbols,
        Interval interval,
        DateTime? from = null,
        DateTime? to = null,
        CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _universeReads);
        return inner.ReadUniverseAsync(symbols, interval, from, to, cancellationToken);
    }
}
