using Npgsql;
using Trading.Data.Storage.Postgres;
using Trading.Journal;
using Trading.Tests.Services;

namespace Trading.Tests.Journal;

/// <summary>The journal contract on a real PostgreSQL (<c>TRADE_TEST_POSTGRES</c>), each database a throwaway schema;
/// each instance has its own pool, so two instances race on two connections as two processes would.</summary>
public sealed class PostgresJournalStoreTests : JournalStoreContract
{
    private readonly PostgresTestSchemas _schemas = new();

    protected override string CreateDatabase() => _schemas.Create();

    protected override IJournalStore Open(string database) => new PostgresJournalStore(Own(new PostgresMarketDataStore(database)));

    protected override Task BreakInsertOfAsync(string database, string nodeId, long sequence) =>
        ExecuteAsync(database, $"""
            CREATE FUNCTION break_insert() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.node_id = '{nodeId}' AND NEW.sequence = {sequence} THEN RAISE EXCEPTION 'injected failure'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER break_insert BEFORE INSERT ON node_journal FOR EACH ROW EXECUTE FUNCTION break_insert();
            """);

    protected override async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    protected override void DisposeResources() => _schemas.Dispose();
}
