using Npgsql;

namespace Trading.Data.Storage.Postgres;

/// <summary>Brings one component's tables in a shared PostgreSQL schema up to date, its version kept in a row of
/// <c>component_schema_versions</c>, as the SQLite file keeps it in <c>schema_versions</c>.</summary>
/// <remarks>The market data's tables keep their own numbered history (<see cref="PostgresSchema"/>); a component such
/// as the journal migrates apart from them, so either can gain a migration without renumbering the other.</remarks>
internal static class PostgresComponentMigrator
{
    /// <summary>Applies the missing migrations in one transaction and returns how many it applied. Refuses a version
    /// newer than <paramref name="migrations"/> know.</summary>
    /// <remarks>An advisory lock named after the schema, held until the transaction ends, makes a second process
    /// opening the same new schema wait, then find the migrations applied. DDL is transactional in PostgreSQL, so a
    /// migration that fails leaves the component at its previous version.</remarks>
    public static async Task<int> MigrateAsync(
        NpgsqlConnection connection,
        string component,
        IReadOnlyList<SchemaMigration> migrations,
        string server,
        CancellationToken cancellationToken)
    {
        var latest = SchemaMigration.CheckSequence(migrations);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var create = new NpgsqlCommand(
            """
            SELECT pg_advisory_xact_lock(hashtextextended('trading.component_schema_versions/' || current_schema(), 0));
            CREATE TABLE IF NOT EXISTS component_schema_versions (
                component text COLLATE "C" NOT NULL PRIMARY KEY,
                version   integer          NOT NULL
            );
            """,
            connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        int current;
        await using (var read = new NpgsqlCommand("SELECT version FROM component_schema_versions WHERE component = $1;", connection))
        {
            read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = component });
            current = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int version ? version : 0;
        }

        if (current > latest)
        {
            throw new MarketDataStoreException(
                $"The {component} tables of {server} have schema version {current}, but this program knows versions up to {latest}: " +
                "they were written by a newer version. Upgrade this program, or point it at another database or schema.");
        }

        for (var version = current + 1; version <= latest; version++)
        {
            await using var step = new NpgsqlCommand(migrations[version - 1].Script, connection);
            await step.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (current != latest)
        {
            await using var write = new NpgsqlCommand(
                """
                INSERT INTO component_schema_versions (component, version) VALUES ($1, $2)
                ON CONFLICT (component) DO UPDATE SET version = excluded.version;
                """,
                connection);
            write.Parameters.Add(new NpgsqlParameter<string> { TypedValue = component });
            write.Parameters.Add(new NpgsqlParameter<int> { TypedValue = latest });
            await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return latest - current;
    }
}
