using System.Collections.ObjectModel;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Trading.Data.Storage.Sqlite;

/// <summary>Strategy settings in the same SQLite file as the market data, in a table of their own.</summary>
/// <remarks>
/// The table has its own migration history, versioned in <c>schema_versions</c> under the name
/// <see cref="Component"/> rather than in <c>PRAGMA user_version</c>, which belongs to the market data schema: either
/// can gain a migration without renumbering the other. One row per strategy holds its values as a JSON object of
/// texts, so a write is one statement and a read one seek.
/// <para>Only a write creates or migrates the table: reading takes no write lock, so commands that only read work on
/// a read-only file and while another process writes (a long import holds the lock for seconds).</para>
/// </remarks>
public sealed class SqliteStrategySettingsStore : IStrategySettingsStore
{
    /// <summary>The name this store's schema is versioned under in <c>schema_versions</c>.</summary>
    public const string Component = "strategy_settings";

    private readonly string _connectionString;
    private readonly TimeProvider _clock;
    private volatile bool _migrated;

    public SqliteStrategySettingsStore(string databasePath, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        DatabasePath = Path.GetFullPath(databasePath);
        _clock = clock ?? TimeProvider.System;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 10,
        }.ToString();
        try
        {
            var directory = Path.GetDirectoryName(DatabasePath);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            using var connection = Open();
            _migrated = SqliteComponentMigrator.ReadVersion(connection, Component, Migrations, DatabasePath) == Migrations.Count;
        }
        catch (SqliteException e)
        {
            throw new MarketDataStoreException($"The strategy settings in '{DatabasePath}' cannot be opened: {e.Message}", e);
        }
    }

    /// <summary>The table's history, oldest first. Append to change it; never edit a released step.</summary>
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "strategy settings", """
            CREATE TABLE strategy_settings (
                strategy   TEXT NOT NULL PRIMARY KEY,
                parameters TEXT NOT NULL,
                updated_at TEXT NOT NULL
            ) WITHOUT ROWID;
            """),
    ];

    public string DatabasePath { get; }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, string>> ReadAsync(string strategy, CancellationToken cancellationToken = default)
    {
        var key = Key(strategy);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            using var connection = Open();
            if (!_migrated)
            {
                // Nothing was ever stored (no table yet) is an answer that needs no write; an older table is migrated.
                if (SqliteComponentMigrator.ReadVersion(connection, Component, Migrations, DatabasePath) == 0)
                {
                    return Task.FromResult<IReadOnlyDictionary<string, string>>(new ReadOnlyDictionary<string, string>(new Dictionary<string, string>()));
                }

                EnsureMigrated(connection);
            }

            using var command = connection.CreateCommand();
            command.CommandText = "SELECT parameters FROM strategy_settings WHERE strategy = $strategy;";
            command.Parameters.AddWithValue("$strategy", key);
            var json = command.ExecuteScalar() as string;
            var values = json is null
                ? new Dictionary<string, string>(StringComparer.Ordinal)
                : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
            return Task.FromResult<IReadOnlyDictionary<string, string>>(new ReadOnlyDictionary<string, string>(values));
        }
        catch (SqliteException e)
        {
            throw new MarketDataStoreException($"The strategy settings in '{DatabasePath}' could not be read for {key}: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new MarketDataStoreException($"The strategy settings in '{DatabasePath}' for {key} are not a JSON object of texts: {e.Message}", e);
        }
    }

    /// <inheritdoc />
    public Task WriteAsync(string strategy, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var key = Key(strategy);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            using var connection = Open();
            EnsureMigrated(connection);
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO strategy_settings (strategy, parameters, updated_at) VALUES ($strategy, $parameters, $updatedAt)
                ON CONFLICT (strategy) DO UPDATE SET parameters = excluded.parameters, updated_at = excluded.updated_at;
                """;
            command.Parameters.AddWithValue("$strategy", key);
            command.Parameters.AddWithValue("$parameters", JsonSerializer.Serialize(values));
            command.Parameters.AddWithValue("$updatedAt", _clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            command.ExecuteNonQuery();
            return Task.CompletedTask;
        }
        catch (SqliteException e)
        {
            throw new MarketDataStoreException($"The strategy settings in '{DatabasePath}' could not be stored for {key}: {e.Message}", e);
        }
    }

    public override string ToString() => $"SQLite strategy settings at {DatabasePath}";

    // Strategy names ignore case everywhere else (the registry), so they do here too.
    private static string Key(string strategy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(strategy);
        return strategy.Trim().ToLowerInvariant();
    }

    private void EnsureMigrated(SqliteConnection connection)
    {
        if (!_migrated)
        {
            SqliteComponentMigrator.Migrate(connection, Component, Migrations, DatabasePath);
            _migrated = true;
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
