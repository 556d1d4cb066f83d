using Microsoft.Data.Sqlite;

namespace Trading.Data.Storage.Sqlite;

/// <summary>Brings a SQLite database up to the latest schema version, recorded in <c>PRAGMA user_version</c>.</summary>
internal static class SqliteSchemaMigrator
{
    /// <summary>Applies the missing migrations in one transaction and returns how many it applied (0 when the
    /// database is up to date). Refuses a database written by a newer program rather than guess at its schema.</summary>
    public static int Migrate(SqliteConnection connection, IReadOnlyList<SchemaMigration> migrations, string databasePath)
    {
        var latest = SchemaMigration.CheckSequence(migrations);
        var current = ReadVersion(connection, null);
        Refuse(current, latest, databasePath);
        if (current == latest)
        {
            return 0;
        }

        // IMMEDIATE takes the write lock before reading the version again, so two processes opening the same old
        // file cannot both apply the same migration.
        using var transaction = connection.BeginTransaction(deferred: false);
        current = ReadVersion(connection, transaction);
        Refuse(current, latest, databasePath);
        var applied = 0;
        for (var version = current + 1; version <= latest; version++)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = migrations[version - 1].Script;
            command.ExecuteNonQuery();
            applied++;
        }

        using (var setVersion = connection.CreateCommand())
        {
            // A PRAGMA takes no parameters; the value is our own integer.
            setVersion.Transaction = transaction;
            setVersion.CommandText = FormattableString.Invariant($"PRAGMA user_version = {latest};");
            setVersion.ExecuteNonQuery();
        }

        transaction.Commit();
        return applied;
    }

    public static int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Refuse(int current, int latest, string databasePath)
    {
        if (current > latest)
        {
            throw new MarketDataStoreException(
                $"The market data store '{databasePath}' has schema version {current}, but this program knows versions " +
                $"up to {latest}: it was written by a newer version. Upgrade this program, or point it at another database file.");
        }
    }
}
