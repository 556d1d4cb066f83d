using System.Net;
using System.Net.Sockets;
using Npgsql;
using Trading.Data;
using Trading.Data.Storage;
using Trading.Data.Storage.Postgres;
using Trading.Domain;
using Trading.Tests.Services;

namespace Trading.Tests.Data.Storage;

/// <summary>A PostgreSQL server that cannot be reached, or goes away in the middle of a write: a clear exception
/// naming the server, never half a batch, and the store works again once the server is back.</summary>
public sealed class PostgresFailureTests : IDisposable
{
    private static readonly Symbol Aapl = Symbol.Parse("AAPL");
    private static readonly Symbol Msft = Symbol.Parse("MSFT");

    private readonly PostgresTestSchemas _schemas = new();

    public void Dispose() => _schemas.Dispose();

    [Fact]
    public async Task A_server_that_refuses_connections_is_reported_as_unavailable_naming_its_host_and_port()
    {
        var port = UnusedPort();
        await using var store = new PostgresMarketDataStore($"Host=127.0.0.1;Port={port};Username=trading;Timeout=5");

        var read = await Assert.ThrowsAsync<MarketDataStoreUnavailableException>(() => store.ReadBarsAsync(Aapl, Interval.Daily));
        var write = await Assert.ThrowsAsync<MarketDataStoreUnavailableException>(() =>
            store.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 10)], [])));
        await Assert.ThrowsAsync<MarketDataStoreUnavailableException>(() => store.ListAsync());
        var open = await Assert.ThrowsAsync<MarketDataStoreUnavailableException>(() =>
            PostgresMarketDataStore.OpenAsync($"Host=127.0.0.1;Port={port};Username=trading;Timeout=5"));

        Assert.All([read, write, open], e =>
        {
            Assert.Contains($"127.0.0.1:{port}", e.Message, StringComparison.Ordinal);
            Assert.Contains("unavailable", e.Message, StringComparison.Ordinal);
            Assert.IsAssignableFrom<NpgsqlException>(e.InnerException);
        });
    }

    [SkippableFact]
    public async Task A_search_path_naming_a_schema_that_does_not_exist_says_so_and_what_to_do()
    {
        var missing = $"missing_{Guid.NewGuid():N}";
        var connection = new NpgsqlConnectionStringBuilder(_schemas.Server) { SearchPath = missing }.ToString();
        await using var store = new PostgresMarketDataStore(connection);

        var error = await Assert.ThrowsAsync<MarketDataStoreException>(() => store.ListAsync());

        Assert.IsNotType<MarketDataStoreUnavailableException>(error);
        Assert.Contains($"no schema of its search path ({missing}) exists in the database", error.Message, StringComparison.Ordinal);
        Assert.Contains("CREATE SCHEMA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_health_probe_says_unavailable_without_throwing()
    {
        var port = UnusedPort();
        await using var store = new PostgresMarketDataStore($"Host=127.0.0.1;Port={port};Username=trading;Timeout=5");

        var health = await store.ProbeAsync();

        Assert.Equal(ComponentStatus.Unavailable, health.Status);
        Assert.Equal("postgres", health.Component);
        Assert.Contains($"127.0.0.1:{port}", health.Location, StringComparison.Ordinal);
        Assert.Contains("unavailable", health.Detail, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_health_probe_says_available_when_the_server_answers()
    {
        await using var store = new PostgresMarketDataStore(_schemas.Create());

        var health = await store.ProbeAsync();

        Assert.Equal(ComponentHealth.Available("postgres", store.Server), health);
    }

    [SkippableFact]
    public async Task A_write_cut_off_midway_stores_nothing_and_the_store_works_again_once_the_server_is_back()
    {
        var direct = new NpgsqlConnectionStringBuilder(_schemas.Create());
        await using var relay = new TcpRelay(direct.Host!, direct.Port);
        var viaRelay = new NpgsqlConnectionStringBuilder(direct.ConnectionString) { Host = "127.0.0.1", Port = relay.Port };
        await using var store = new PostgresMarketDataStore(viaRelay.ConnectionString);
        var original = SampleBars.Daily("AAPL", 100);
        await store.WriteAsync(new MarketDataBatch([original], []));

        // About 90 bytes a bar through COPY: the cut comes after some 10,000 of the 40,000 bars were sent.
        relay.CutAfterSending(1_000_000);
        var big = new MarketDataBatch(
            [SampleBars.Daily("AAPL", 20_000, basePrice: 500), SampleBars.Daily("MSFT", 20_000)],
            [CorporateAction.Split(Aapl, new DateOnly(2020, 8, 31), 4m)]);
        var error = await Assert.ThrowsAsync<MarketDataStoreUnavailableException>(() => store.WriteAsync(big));
        var whileDown = await Assert.ThrowsAsync<MarketDataStoreUnavailableException>(() => store.ListAsync());
        relay.Restore();

        Assert.Contains($"127.0.0.1:{relay.Port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("could not store the batch", error.Message, StringComparison.Ordinal);
        Assert.Contains("unavailable", whileDown.Message, StringComparison.Ordinal);
        var aapl = await store.ReadBarsAsync(Aapl, Interval.Daily);
        Assert.Equal(original.Close.ToArray(), aapl.Close.ToArray());
        Assert.True((await store.ReadBarsAsync(Msft, Interval.Daily)).IsEmpty);
        Assert.Empty(await store.ReadActionsAsync(Aapl));
        Assert.Equal([new SeriesSummary(Aapl, Interval.Daily, original.FirstTime, original.LastTime, 100)], await store.ListAsync());

        Assert.Equal(new StoreWriteResult(40_000, 1), await store.WriteAsync(big));
        Assert.Equal(20_000, (await store.ReadBarsAsync(Msft, Interval.Daily)).Count);
    }

    [SkippableFact]
    public async Task Two_stores_on_one_database_writing_the_same_series_at_once_keep_the_counts_exact()
    {
        var connectionString = _schemas.Create();
        await using var one = new PostgresMarketDataStore(connectionString);
        await using var other = new PostgresMarketDataStore(connectionString);

        // Overlapping ranges, written in opposite symbol orders by two "processes": each bar once, counts exact.
        var writers = Enumerable.Range(0, 8).Select(k => Task.Run(async () =>
        {
            var store = k % 2 == 0 ? one : other;
            var first = SampleBars.Day(2020, 1, 1).AddDays(25 * k);
            BarSeries[] series = [SampleBars.Daily("AAPL", 200, first, basePrice: 10 + k), SampleBars.Daily("MSFT", 200, first, basePrice: 10 + k)];
            await store.WriteAsync(new MarketDataBatch(k % 4 < 2 ? series : [.. series.Reverse()], []));
        }));
        await Task.WhenAll(writers);

        var expected = 200 + (25 * 7);
        Assert.Equal([expected, expected], (await one.ListAsync()).Select(s => s.BarCount));
        Assert.Equal(expected, (await other.ReadBarsAsync(Aapl, Interval.Daily)).Count);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
