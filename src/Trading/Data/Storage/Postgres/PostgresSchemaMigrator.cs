using Npgsql;

namespace Trading.Data.Storage.Postgres;

/// <summary>Brings a PostgreSQL schema up to the latest version, recorded one row per applied migration in
/// <c>schema_version</c>.</summary>
internal static class PostgresSchemaMigrator
{
    /// <summary>Applies the missing migrations in one transaction and returns how many it applied (0 when the schema
    /// is up to date). Refuses a schema written by a newer program rather than guess at it.</summary>
    /// <remarks>
    /// The transaction first takes an advisory lock named after the schema, held until it ends: when two processes
    /// open the same new database at once, the second waits, then finds the migrations applied and applies none.
    /// DDL is transactional in PostgreSQL, so a migration that fails leaves the schema at its previous version.
    /// </remarks>
    public static async Task<int> MigrateAsync(
        NpgsqlConnection connection,
        IReadOnlyList<SchemaMigration> migrations,
        string server,
        CancellationToken cancellationToken)
    {
        var latest = SchemaMigration.CheckSequence(migrations);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, """
            SELECT pg_advisory_xact_lock(hashtextextended('trading.schema_version/' || current_schema(), 0));
            CREATE TABLE IF NOT EXISTS schema_version (
                version     integer     PRIMARY KEY,
                description text        NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now()
            );
            """, cancellationToken).ConfigureAwait(false);

        var current = await ReadVersionAsync(connection, cancellationToken).ConfigureAwait(false);
        if (current > latest)
        {
            throw new MarketDataStoreException(
                $"The market data store ({server}) has schema version {current}, but this program knows versions up to " +
                $"{latest}: it was written by a newer version. Upgrade this program, or point it at another database or schema.");
        }

        var applied = 0;
        for (var version = current + 1; version <= latest; version++)
        {
            var migration = migrations[version - 1];
            await ExecuteAsync(connection, migration.Script, cancellationToken).ConfigureAwait(false);
            await using var record = new NpgsqlCommand(
                "INSERT INTO schema_version (version, description) VALUES ($1, $2);", connection);
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migration.Version });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Description });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            applied++;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return applied;
    }

    /// <summary>The highest applied version; 0 for a schema that has none applied.</summary>
    public static async Task<int> ReadVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_version;", connection);
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
