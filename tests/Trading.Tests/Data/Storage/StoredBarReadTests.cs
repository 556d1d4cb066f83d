using Microsoft.Data.Sqlite;
using Npgsql;
using Trading.Data;
using Trading.Data.Storage.Postgres;
using Trading.Data.Storage.Sqlite;
using Trading.Domain;
using Trading.Tests.Services;

namespace Trading.Tests.Data.Storage;

/// <summary>A store may hold bars that break the bar rule, written before the rule existed, by another tool or by
/// hand. A read that would return one is refused, naming the bar and the way out, on SQLite and on PostgreSQL; a range
/// without it reads as before.</summary>
public sealed class StoredBarReadTests : IDisposable
{
    private static readonly Symbol Aapl = Symbol.Parse("AAPL");

    private readonly TemporaryDirectory _directory = new();
    private readonly PostgresTestSchemas _schemas = new();

    public void Dispose()
    {
        _schemas.Dispose();
        _directory.Dispose();
    }

    /// <summary>A bar stored after the 100 good ones of <see cref="SampleBars.Daily"/>, and the problem the rule names.</summary>
    public static TheoryData<double, double, double, double, string> BadBars => new()
    {
        { double.PositiveInfinity, double.PositiveInfinity, 1, 1, "open Infinity is not a finite number" },
        { 1e30, 1e30, 1e30, 1e30, "open 1E+30 is outside the price range 1e-6 to 1e9" },
        { 10, 11, 9, 12, "close 12 is above high 11" },
        { 0, 0, 0, 0, "open 0 is not a positive price" },
    };

    [Theory]
    [MemberData(nameof(BadBars))]
    public async Task Sqlite_refuses_a_read_that_would_return_a_stored_bar_breaking_the_rule(double open, double high, double low, double close, string problem)
    {
        var path = _directory.File("store.db");
        using var store = new SqliteMarketDataStore(path);
        var good = SampleBars.Daily("AAPL", 100);
        await store.WriteAsync(new MarketDataBatch([good], []));
        var bad = good.LastTime.AddDays(1);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO bars VALUES ('AAPL', '1d', $t, $o, $h, $l, $c, 100);";
            insert.Parameters.AddWithValue("$t", new DateTimeOffset(bad).ToUnixTimeSeconds());
            insert.Parameters.AddWithValue("$o", open);
            insert.Parameters.AddWithValue("$h", high);
            insert.Parameters.AddWithValue("$l", low);
            insert.Parameters.AddWithValue("$c", close);
            insert.ExecuteNonQuery();
        }

        await RefusedThenReadAround(store, good, bad, problem);
    }

    [SkippableTheory]
    [MemberData(nameof(BadBars))]
    public async Task Postgres_refuses_a_read_that_would_return_a_stored_bar_breaking_the_rule(double open, double high, double low, double close, string problem)
    {
        var schema = _schemas.Create();
        await using var store = new PostgresMarketDataStore(schema);
        var good = SampleBars.Daily("AAPL", 100);
        await store.WriteAsync(new MarketDataBatch([good], []));
        var bad = good.LastTime.AddDays(1);
        await using (var connection = new NpgsqlConnection(schema))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("INSERT INTO bars VALUES ('AAPL', '1d', $1, $2, $3, $4, $5, 100);", connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = bad });
            insert.Parameters.Add(new NpgsqlParameter { Value = open });
            insert.Parameters.Add(new NpgsqlParameter { Value = high });
            insert.Parameters.Add(new NpgsqlParameter { Value = low });
            insert.Parameters.Add(new NpgsqlParameter { Value = close });
            await insert.ExecuteNonQueryAsync();
        }

        await RefusedThenReadAround(store, good, bad, problem);
    }

    private static async Task RefusedThenReadAround(IMarketDataStore store, BarSeries good, DateTime bad, string problem)
    {
        var error = await Assert.ThrowsAsync<InvalidStoredBarException>(() => store.ReadBarsAsync(Aapl, Interval.Daily));

        Assert.Equal(Aapl, error.Symbol);
        Assert.Equal(bad, error.Time);
        Assert.Equal(problem, error.Problem);
        Assert.Contains($"The stored AAPL 1d bar at {bad:yyyy-MM-dd} breaks the bar rule: {problem}.", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("re-import AAPL to replace it.", error.Message, StringComparison.Ordinal);
        var before = await store.ReadBarsAsync(Aapl, Interval.Daily, to: good.LastTime);
        Assert.Equal(good.Count, before.Count);
    }
}
