using Microsoft.Data.Sqlite;
using Trading.Data.Storage;
using Trading.Data.Storage.Sqlite;
using Trading.Domain;

namespace Trading.Tests.Data.Storage;

/// <summary>Opening a SQLite store brings its schema up to date, once, and refuses what it cannot understand.</summary>
public sealed class SqliteSchemaMigrationTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static SqliteConnection Connect(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public void A_new_database_is_created_at_the_latest_version_in_a_directory_that_did_not_exist()
    {
        var path = Path.Combine(_directory.Path, "nested", "deeper", "new.db");

        using (new SqliteMarketDataStore(path))
        {
        }

        using var connection = Connect(path);
        Assert.Equal(SqliteSchema.LatestVersion, SqliteSchemaMigrator.ReadVersion(connection, null));
    }

    [Fact]
    public void An_up_to_date_database_is_left_alone()
    {
        var path = _directory.File("current.db");
        using (new SqliteMarketDataStore(path))
        {
        }

        using var connection = Connect(path);
        Assert.Equal(0, SqliteSchemaMigrator.Migrate(connection, SqliteSchema.Migrations, path));
    }

    [Fact]
    public async Task A_version_1_database_with_bars_is_upgraded_and_its_series_listed()
    {
        var path = _directory.File("v1.db");
        using (var connection = Connect(path))
        {
            Assert.Equal(1, SqliteSchemaMigrator.Migrate(connection, SqliteSchema.Migrations.Take(1).ToList(), path));
            Execute(connection, """
                INSERT INTO bars VALUES ('AAPL', '1d', 1577836800, 1, 2, 0.5, 1.5, 100);
                INSERT INTO bars VALUES ('AAPL', '1d', 1577923200, 1, 2, 0.5, 1.5, 100);
                INSERT INTO bars VALUES ('AAPL', '1d', 1578009600, 1, 2, 0.5, 1.5, 100);
                INSERT INTO bars VALUES ('^GSPC', '1d', 1577836800, 1, 2, 0.5, 1.5, 100);
                """);
        }

        using var store = new SqliteMarketDataStore(path);
        var list = await store.ListAsync();

        Assert.Equal(
            [
                new Trading.Data.SeriesSummary(Symbol.Parse("AAPL"), Interval.Daily, SampleBars.Day(2020, 1, 1), SampleBars.Day(2020, 1, 3), 3),
                new Trading.Data.SeriesSummary(Symbol.Parse("^GSPC"), Interval.Daily, SampleBars.Day(2020, 1, 1), SampleBars.Day(2020, 1, 1), 1),
            ],
            list);
        using var check = Connect(path);
        Assert.Equal(SqliteSchema.LatestVersion, SqliteSchemaMigrator.ReadVersion(check, null));
    }

    [Fact]
    public void A_migration_that_fails_leaves_the_database_at_its_previous_version()
    {
        var path = _directory.File("broken.db");
        SchemaMigration[] migrations =
        [
            SqliteSchema.Migrations[0],
            new(2, "half done", "CREATE TABLE half (x INTEGER); INSERT INTO no_such_table VALUES (1);"),
        ];
        using (var connection = Connect(path))
        {
            SqliteSchemaMigrator.Migrate(connection, migrations.Take(1).ToList(), path);
        }

        using (var connection = Connect(path))
        {
            Assert.Throws<SqliteException>(() => SqliteSchemaMigrator.Migrate(connection, migrations, path));
        }

        using var check = Connect(path);
        Assert.Equal(1, SqliteSchemaMigrator.ReadVersion(check, null));
        using var command = check.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'half';";
        Assert.Equal(0L, command.ExecuteScalar());
    }

    [Fact]
    public void A_database_from_a_newer_version_is_refused_with_a_message_naming_it()
    {
        var path = _directory.File("future.db");
        using (var connection = Connect(path))
        {
            Execute(connection, "PRAGMA user_version = 99;");
        }

        var error = Assert.Throws<MarketDataStoreException>(() => new SqliteMarketDataStore(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
        Assert.Contains("99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_refused_with_a_message_naming_it()
    {
        var path = _directory.File("garbage.db");
        File.WriteAllText(path, string.Concat(Enumerable.Repeat("this is not a SQLite database. ", 200)));

        var error = Assert.Throws<MarketDataStoreException>(() => new SqliteMarketDataStore(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a SQLite database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_that_is_a_directory_is_refused_with_a_message_naming_it()
    {
        var error = Assert.Throws<MarketDataStoreException>(() => new SqliteMarketDataStore(_directory.Path));

        Assert.Contains(_directory.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Migrations_must_be_numbered_without_gaps()
    {
        SchemaMigration[] gap = [new(1, "one", "SELECT 1;"), new(3, "three", "SELECT 1;")];

        var error = Assert.Throws<ArgumentException>(() => SchemaMigration.CheckSequence(gap));

        Assert.Contains("expected 2", error.Message, StringComparison.Ordinal);
    }
}
