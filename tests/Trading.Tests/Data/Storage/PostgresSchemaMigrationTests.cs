using Npgsql;
using Trading.Data.Storage;
using Trading.Data.Storage.Postgres;
using Trading.Tests.Services;

namespace Trading.Tests.Data.Storage;

/// <summary>Opening a PostgreSQL store brings its schema up to date exactly once, even when several processes open
/// a new database at the same moment, and refuses a schema it does not know.</summary>
public sealed class PostgresSchemaMigrationTests : IDisposable
{
    private readonly PostgresTestSchemas _schemas = new();

    public void Dispose() => _schemas.Dispose();

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    [SkippableFact]
    public async Task Stores_opening_a_new_schema_at_once_apply_each_migration_once()
    {
        var connectionString = _schemas.Create();

        var stores = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => PostgresMarketDataStore.OpenAsync(connectionString))));
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }

        Assert.Equal((long)PostgresSchema.LatestVersion, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM schema_version;"));
        Assert.Equal(PostgresSchema.LatestVersion, await ScalarAsync<int>(connectionString, "SELECT max(version) FROM schema_version;"));
    }

    [SkippableFact]
    public async Task An_up_to_date_schema_is_left_alone()
    {
        var connectionString = _schemas.Create();
        await (await PostgresMarketDataStore.OpenAsync(connectionString)).DisposeAsync();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        Assert.Equal(0, await PostgresSchemaMigrator.MigrateAsync(connection, PostgresSchema.Migrations, "test", CancellationToken.None));
    }

    [SkippableFact]
    public async Task A_migration_that_fails_leaves_the_schema_at_its_previous_version()
    {
        var connectionString = _schemas.Create();
        SchemaMigration[] migrations =
        [
            PostgresSchema.Migrations[0],
            new(2, "half done", "CREATE TABLE half (x integer); INSERT INTO no_such_table VALUES (1);"),
        ];
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await PostgresSchemaMigrator.MigrateAsync(connection, migrations[..1], "test", CancellationToken.None);
            await Assert.ThrowsAsync<PostgresException>(() => PostgresSchemaMigrator.MigrateAsync(connection, migrations, "test", CancellationToken.None));
        }

        Assert.Equal(1, await ScalarAsync<int>(connectionString, "SELECT max(version) FROM schema_version;"));
        Assert.Equal(0L, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM pg_tables WHERE tablename = 'half';"));
    }

    [SkippableFact]
    public async Task A_schema_from_a_newer_program_is_refused_with_a_message_naming_the_server()
    {
        var connectionString = _schemas.Create();
        await (await PostgresMarketDataStore.OpenAsync(connectionString)).DisposeAsync();
        await ScalarAsync<int>(connectionString, "INSERT INTO schema_version (version, description) VALUES (99, 'future') RETURNING version;");

        var error = await Assert.ThrowsAsync<MarketDataStoreException>(() => PostgresMarketDataStore.OpenAsync(connectionString));

        Assert.IsNotType<MarketDataStoreUnavailableException>(error);
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
        Assert.Contains(new NpgsqlConnectionStringBuilder(connectionString).SearchPath!, error.Message, StringComparison.Ordinal);
    }
}
