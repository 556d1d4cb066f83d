using System.Text;
using Microsoft.Data.Sqlite;
using Trading.Data;
using Trading.Data.Storage;
using Trading.Data.Storage.Sqlite;
using Trading.Domain;
using Trading.Journal;
using Trading.Tests.Data.Storage;

namespace Trading.Tests.Journal;

/// <summary>The SQLite journal as a file among others: shared with the market data, read-only, locked by another
/// process, or written by a newer program.</summary>
public sealed class SqliteJournalFileTests : IDisposable
{
    private static readonly DateTime T0 = new(2024, 3, 1, 14, 30, 0, DateTimeKind.Utc);

    private readonly TemporaryDirectory _directory = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    [Fact]
    public async Task It_shares_the_file_with_the_market_data_without_touching_its_schema_version()
    {
        var path = _directory.File("trading.db");
        long marketVersion;
        using (var bars = new SqliteMarketDataStore(path))
        {
            await bars.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 3)], []));
            marketVersion = Scalar(path, "PRAGMA user_version;");
        }

        using (var journal = new SqliteJournalStore(new SqliteStoreOptions { DatabasePath = path }))
        {
            await StepAsync(journal, "n1");
        }

        using var again = new SqliteMarketDataStore(path);
        Assert.Equal(3, (await again.ReadBarsAsync(Symbol.Parse("AAPL"), Interval.Daily)).Count);
        Assert.Equal(marketVersion, Scalar(path, "PRAGMA user_version;"));
        Assert.Equal(1L, Scalar(path, "SELECT version FROM schema_versions WHERE component = 'journal';"));
        Assert.Equal("wal", Text(path, "PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task Reading_a_file_that_never_journaled_leaves_it_without_the_tables()
    {
        var path = _directory.File("trading.db");
        using (var bars = new SqliteMarketDataStore(path))
        {
            await bars.WriteAsync(new MarketDataBatch([SampleBars.Daily("AAPL", 3)], []));
        }

        using var journal = new SqliteJournalStore(path);
        Assert.Empty(await journal.ReadNodesAsync());
        Assert.Equal(0, await journal.LastSequenceAsync("n1"));
        await foreach (var _ in journal.ReadAsync("n1"))
        {
            Assert.Fail("An empty file has no entries.");
        }

        Assert.Equal(0L, Scalar(path, "SELECT count(*) FROM sqlite_master WHERE name IN ('nodes', 'node_leases', 'node_journal', 'schema_versions');"));
    }

    [Fact]
    public async Task A_file_whose_journal_comes_from_a_newer_program_is_refused_with_its_path()
    {
        var path = _directory.File("trading.db");
        using (var journal = new SqliteJournalStore(path))
        {
            await StepAsync(journal, "n1");
        }

        Execute(path, "UPDATE schema_versions SET version = 99 WHERE component = 'journal';");
        SqliteConnection.ClearAllPools();

        var error = Assert.Throws<MarketDataStoreException>(() => new SqliteJournalStore(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_read_only_file_refuses_writes_with_a_message_naming_it_and_still_reads()
    {
        var path = _directory.File("trading.db");
        using (var writable = new SqliteJournalStore(path))
        {
            await StepAsync(writable, "n1");
            await writable.SaveNodeAsync(new NodeRecord("n1", "{}", "running", null, T0, T0));
        }

        using var readOnly = new SqliteJournalStore(new SqliteStoreOptions { DatabasePath = path }, SqliteOpenMode.ReadOnly);
        var append = await Assert.ThrowsAsync<MarketDataStoreException>(() =>
            readOnly.AppendAsync("n1", "A", 2, [new JournalRecordDraft(T0, "fill", "{}"u8.ToArray())], T0));
        var lease = await Assert.ThrowsAsync<MarketDataStoreException>(() => readOnly.TryAcquireLeaseAsync("n1", "B", TimeSpan.FromSeconds(30), T0.AddHours(1)));

        Assert.All([append, lease], e =>
        {
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
            Assert.Contains("read-only", e.Message, StringComparison.Ordinal);
            Assert.IsType<SqliteException>(e.InnerException);
        });
        Assert.Equal(1, await readOnly.LastSequenceAsync("n1"));
        Assert.Single(await readOnly.ReadNodesAsync());
        Assert.Equal("A", (await readOnly.ReadLeaseAsync("n1"))?.Owner);
    }

    [Fact]
    public async Task A_file_locked_by_another_writer_gives_a_message_naming_it_and_writes_nothing()
    {
        var path = _directory.File("trading.db");
        using var journal = new SqliteJournalStore(new SqliteStoreOptions { DatabasePath = path, BusyTimeout = TimeSpan.Zero });
        await StepAsync(journal, "n1");

        using (var other = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            // Another process in the middle of a long write (an import) holds the write lock.
            other.Open();
            using var transaction = other.BeginTransaction(deferred: false);

            var error = await Assert.ThrowsAsync<MarketDataStoreException>(() =>
                journal.AppendAsync("n1", "A", 2, [new JournalRecordDraft(T0, "fill", "{}"u8.ToArray())], T0));

            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("locked by another connection or process", error.Message, StringComparison.Ordinal);
            Assert.Contains("append to the journal of node n1", error.Message, StringComparison.Ordinal);

            // Reading does not wait for the writer (WAL).
            Assert.Equal(1, await journal.LastSequenceAsync("n1"));
        }

        await journal.AppendAsync("n1", "A", 2, [new JournalRecordDraft(T0, "fill", "{}"u8.ToArray())], T0);
        Assert.Equal(2, await journal.LastSequenceAsync("n1"));
    }

    [Fact]
    public void A_path_that_cannot_be_a_database_is_named_in_the_message()
    {
        var path = _directory.File("not-a-database.db");
        File.WriteAllText(path, new string('x', 4096), Encoding.ASCII);

        var error = Assert.Throws<MarketDataStoreException>(() => new SqliteJournalStore(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a SQLite database", error.Message, StringComparison.Ordinal);
    }

    private static async Task StepAsync(SqliteJournalStore journal, string nodeId)
    {
        Assert.True(await journal.TryAcquireLeaseAsync(nodeId, "A", TimeSpan.FromSeconds(30), T0));
        await journal.AppendAsync(nodeId, "A", 1, [new JournalRecordDraft(T0, "fill", "{\"q\":1}"u8.ToArray())], T0);
    }

    private static long Scalar(string path, string sql) => (long)Query(path, sql)!;

    private static string Text(string path, string sql) => (string)Query(path, sql)!;

    private static object? Query(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(string path, string sql) => Query(path, sql);
}
