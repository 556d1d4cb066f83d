using System.Net;
using System.Net.Sockets;
using Npgsql;
using Trading.Data;
using Trading.Data.Storage;
using Trading.Data.Storage.Postgres;
using Trading.Journal;
using Trading.Tests.Data.Storage;
using Trading.Tests.Services;

namespace Trading.Tests.Journal;

/// <summary>The PostgreSQL journal beside the market data: its own schema version, a newer one refused, an append that
/// waits for a takeover holding the lease row, a server that is not there reported as unavailable.</summary>
public sealed class PostgresJournalSchemaTests : IDisposable
{
    private static readonly DateTime T0 = new(2024, 3, 1, 14, 30, 0, DateTimeKind.Utc);

    private readonly PostgresTestSchemas _schemas = new();

    public void Dispose() => _schemas.Dispose();

    [SkippableFact]
    public async Task The_journal_keeps_its_own_version_and_leaves_the_market_datas_history_alone()
    {
        var connectionString = _schemas.Create();
        await using var database = await PostgresMarketDataStore.OpenAsync(connectionString);
        await database.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 3)], []));
        var journal = new PostgresJournalStore(database);

        Assert.True(await journal.TryAcquireLeaseAsync("n1", "A", TimeSpan.FromSeconds(30), T0));

        Assert.Equal(1, await ScalarAsync<int>(connectionString, "SELECT version FROM component_schema_versions WHERE component = 'journal';"));
        Assert.Equal(PostgresSchema.LatestVersion, await ScalarAsync<int>(connectionString, "SELECT max(version) FROM schema_version;"));
        Assert.Equal(3, (await database.ReadBarsAsync(Trading.Domain.Symbol.Parse("AAPL"), Trading.Domain.Interval.Daily)).Count);
    }

    [SkippableFact]
    public async Task A_schema_whose_journal_comes_from_a_newer_program_is_refused_naming_the_server()
    {
        var connectionString = _schemas.Create();
        await using (var database = new PostgresMarketDataStore(connectionString))
        {
            await new PostgresJournalStore(database).LastSequenceAsync("n1");
        }

        await ScalarAsync<int>(connectionString, "UPDATE component_schema_versions SET version = 99 WHERE component = 'journal' RETURNING version;");
        await using var again = new PostgresMarketDataStore(connectionString);

        var error = await Assert.ThrowsAsync<MarketDataStoreException>(() => new PostgresJournalStore(again).LastSequenceAsync("n1"));

        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
        Assert.Contains(again.Server, error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_append_waits_for_a_takeover_in_progress_and_then_finds_itself_fenced_off()
    {
        var connectionString = _schemas.Create();
        var application = $"journal-{Guid.NewGuid():N}";
        await using var database = new PostgresMarketDataStore(new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = application }.ToString());
        var journal = new PostgresJournalStore(database);
        Assert.True(await journal.TryAcquireLeaseAsync("n1", "A", TimeSpan.FromSeconds(30), T0));
        await using var other = new NpgsqlConnection(connectionString);
        await other.OpenAsync();
        await using var takeover = await other.BeginTransactionAsync();
        await using (var update = new NpgsqlCommand("UPDATE node_leases SET owner = 'B', expires_at = expires_at + interval '1 minute' WHERE node_id = 'n1';", other, takeover))
        {
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        var append = journal.AppendAsync("n1", "A", 1, [new JournalRecordDraft(T0, "fill", "{}"u8.ToArray())], T0.AddSeconds(10));

        // Until the append either waits for the takeover's row lock or (wrongly) finishes without it.
        while (!append.IsCompleted && !await IsWaitingForALockAsync(connectionString, application))
        {
            await Task.Delay(5);
        }

        Assert.False(append.IsCompleted, "The append went ahead while a takeover held the lease row.");
        await takeover.CommitAsync();
        var fenced = await Assert.ThrowsAsync<JournalConflictException>(() => append);
        Assert.Equal(JournalConflict.LeaseHeldByAnother, fenced.Conflict);
        Assert.Equal(0, await journal.LastSequenceAsync("n1"));
    }

    [Fact]
    public async Task A_server_that_refuses_connections_is_reported_as_unavailable_naming_the_journal_and_the_server()
    {
        var port = UnusedPort();
        await using var database = new PostgresMarketDataStore($"Host=127.0.0.1;Port={port};Username=trading;Timeout=5");
        var journal = new PostgresJournalStore(database);

        var append = await Assert.ThrowsAsync<MarketDataStoreUnavailableException>(() =>
            journal.AppendAsync("n1", "A", 1, [new JournalRecordDraft(T0, "fill", "{}"u8.ToArray())], T0));
        var read = await Assert.ThrowsAsync<MarketDataStoreUnavailableException>(async () =>
        {
            await foreach (var _ in journal.ReadAsync("n1"))
            {
            }
        });

        Assert.All([append, read], e =>
        {
            Assert.Contains("journal store", e.Message, StringComparison.Ordinal);
            Assert.Contains($"127.0.0.1:{port}", e.Message, StringComparison.Ordinal);
            Assert.IsAssignableFrom<NpgsqlException>(e.InnerException);
        });
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<bool> IsWaitingForALockAsync(string connectionString, string application)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock';", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = application });
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
