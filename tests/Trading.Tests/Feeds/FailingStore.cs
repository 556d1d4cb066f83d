using Trading.Data;
using Trading.Domain;

namespace Trading.Tests.Feeds;

/// <summary>A store that throws the exceptions a test queues, one per bar read, before reading from its inner store.</summary>
internal sealed class FailingStore(IMarketDataStore inner) : IMarketDataStore
{
    private readonly Queue<Exception> _failures = new();

    public void FailNextReads(params Exception[] failures)
    {
        foreach (var failure in failures)
        {
            _failures.Enqueue(failure);
        }
    }

    public Task<StoreWriteResult> WriteAsync(MarketDataBatch batch, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(batch, cancellationToken);

    public Task<BarSeries> ReadBarsAsync(Symbol symbol, Interval interval, DateTime? from = null, DateTime? to = null, CancellationToken cancellationToken = default) =>
        _failures.TryDequeue(out var failure) ? Task.FromException<BarSeries>(failure) : inner.ReadBarsAsync(symbol, interval, from, to, cancellationToken);

    public Task<IReadOnlyList<CorporateAction>> ReadActionsAsync(Symbol symbol, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default) =>
        inner.ReadActionsAsync(symbol, from, to, cancellationToken);

    public Task<IReadOnlyList<SeriesSummary>> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);
}
