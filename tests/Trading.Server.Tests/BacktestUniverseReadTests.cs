using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Trading.Data;
using Trading.Domain;

namespace Trading.Server.Tests;

/// <summary>A backtest over stored symbols reads them in one universe read, so a store that reads it as one snapshot
/// (SQLite, PostgreSQL) never gives it one symbol after an import and another before it.</summary>
public sealed class BacktestUniverseReadTests : IDisposable
{
    private readonly TemporaryDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_backtest_over_stored_symbols_reads_their_bars_and_actions_in_one_universe_read()
    {
        UniverseReads? reads = null;
        using var factory = new ServerFactory(_database.Path, services: services =>
        {
            var store = services.Last(d => d.ServiceType == typeof(IMarketDataStore) && !d.IsKeyedService);
            services.AddSingleton<IMarketDataStore>(sp => reads = new UniverseReads((IMarketDataStore)store.ImplementationFactory!(sp)));
        });
        using var client = factory.CreateClient();

        using var submitted = await client.PostAsJsonAsync("/api/v1/backtests", new
        {
            strategy = "sma_cross",
            parameters = new { fast = 5, slow = 20 },
            symbols = new[] { "AAPL", "MSFT" },
            start_date = "2022-01-01",
            end_date = "2023-12-31",
        });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var job = await Polling.BacktestDoneAsync(client, submitted.Headers.Location!);

        Assert.Equal("succeeded", job.GetProperty("status").GetString());
        Assert.NotNull(reads);
        Assert.Equal(["AAPL,MSFT"], reads.Universes);
        Assert.Equal(0, reads.ActionReads);
    }

    /// <summary>Passes every call to the server's store and records the universe reads and the per-symbol action reads.</summary>
    private sealed class UniverseReads(IMarketDataStore store) : IMarketDataStore
    {
        private int _actionReads;

        public ConcurrentQueue<string> Universes { get; } = new();

        public int ActionReads => Volatile.Read(ref _actionReads);

        public Task<StoreWriteResult> WriteAsync(MarketDataBatch batch, CancellationToken cancellationToken = default) => store.WriteAsync(batch, cancellationToken);

        public Task<BarSeries> ReadBarsAsync(Symbol symbol, Interval interval, DateTime? from = null, DateTime? to = null, CancellationToken cancellationToken = default) =>
            store.ReadBarsAsync(symbol, interval, from, to, cancellationToken);

        public Task<IReadOnlyList<CorporateAction>> ReadActionsAsync(Symbol symbol, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _actionReads);
            return store.ReadActionsAsync(symbol, from, to, cancellationToken);
        }

        public Task<IReadOnlyList<SeriesSummary>> ListAsync(CancellationToken cancellationToken = default) => store.ListAsync(cancellationToken);

        public Task<StoredUniverse> ReadUniverseAsync(IReadOnlyList<Symbol> symbols, Interval interval, DateTime? from = null, DateTime? to = null, CancellationToken cancellationToken = default)
        {
            Universes.Enqueue(string.Join(',', symbols));
            return store.ReadUniverseAsync(symbols, interval, from, to, cancellationToken);
        }
    }
}
