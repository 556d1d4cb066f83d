using Microsoft.Data.Sqlite;
using Trading.Data.Storage.Sqlite;
using Trading.Journal;
using Trading.Tests.Data.Storage;

namespace Trading.Tests.Journal;

/// <summary>The journal contract on SQLite files in a temporary directory; each instance has its own connection pool
/// entry but shares the file, as two processes would.</summary>
public sealed class SqliteJournalStoreTests : JournalStoreContract
{
    private readonly TemporaryDirectory _directory = new();

    protected override string CreateDatabase() => _directory.File($"{Guid.NewGuid():N}.db");

    protected override IJournalStore Open(string database) => Own(new SqliteJournalStore(database));

    protected override Task BreakInsertOfAsync(string database, string nodeId, long sequence) =>
        ExecuteAsync(database, $"""
            CREATE TRIGGER break_insert BEFORE INSERT ON node_journal
            WHEN NEW.node_id = '{nodeId}' AND NEW.sequence = {sequence}
            BEGIN SELECT RAISE(ABORT, 'injected failure'); END;
            """);

    protected override Task ExecuteAsync(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        return Task.CompletedTask;
    }

    protected override void DisposeResources()
    {
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
