using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Trading.Data.Storage.Sqlite;

/// <summary>Brings one component's tables in a shared SQLite file up to date, its version kept in a row of
/// <c>schema_versions</c> so that components sharing the file migrate independently.</summary>
internal static class SqliteComponentMigrator
{
    /// <summary>The component's version without taking the write lock: 0 when it has no tables yet. Refuses a
    /// version newer than <paramref name="migrations"/> know.</summary>
    public static int ReadVersion(SqliteConnection connection, string component, IReadOnlyList<SchemaMigration> migrations, string databasePath)
    {
        var latest = SchemaMigration.CheckSequence(migrations);
        using var read = connection.CreateCommand();
        read.CommandText = """
            SELECT CASE WHEN EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_versions')
                   THEN 1 ELSE 0 END;
            """;
        if (Convert.ToInt32(read.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        read.CommandText = "SELECT version FROM schema_versions WHERE component = $component;";
        read.Parameters.AddWithValue("$component", component);
        var current = Convert.ToInt32(read.ExecuteScalar() ?? 0, CultureInfo.InvariantCulture);
        RefuseNewer(current, latest, component, databasePath);
        return current;
    }

    /// <summary>Applies the missing migrations in one IMMEDIATE transaction (two processes opening the same old file
    /// cannot both apply a step) and returns how many it applied. Refuses a version newer than it knows.</summary>
    public static int Migrate(SqliteConnection connection, string component, IReadOnlyList<SchemaMigration> migrations, string databasePath)
    {
        var latest = SchemaMigration.CheckSequence(migrations);
        using var transaction = connection.BeginTransaction(deferred: false);
        using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = "CREATE TABLE IF NOT EXISTS schema_versions (component TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL) WITHOUT ROWID;";
            create.ExecuteNonQuery();
        }

        int current;
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT version FROM schema_versions WHERE component = $component;";
            read.Parameters.AddWithValue("$component", component);
            current = Convert.ToInt32(read.ExecuteScalar() ?? 0, CultureInfo.InvariantCulture);
        }

        RefuseNewer(current, latest, component, databasePath);
        for (var version = current + 1; version <= latest; version++)
        {
            using var step = connection.CreateCommand();
            step.Transaction = transaction;
            step.CommandText = migrations[version - 1].Script;
            step.ExecuteNonQuery();
        }

        if (current != latest)
        {
            using var write = connection.CreateCommand();
            write.Transaction = transaction;
            write.CommandText = "INSERT INTO schema_versions (component, version) VALUES ($component, $version) ON CONFLICT (component) DO UPDATE SET version = excluded.version;";
            write.Parameters.AddWithValue("$component", component);
            write.Parameters.AddWithValue("$version", latest);
            write.ExecuteNonQuery();
        }

        transaction.Commit();
        return latest - current;
    }

    private static void RefuseNewer(int current, int latest, string component, string databasePath)
    {
        if (current > latest)
        {
            throw new MarketDataStoreException(
                $"The {component} tables in '{databasePath}' have schema version {current}, but this program knows versions up to {latest}: " +
                "they were written by a newer version. Upgrade this program, or point it at another database file.");
        }
    }
}
