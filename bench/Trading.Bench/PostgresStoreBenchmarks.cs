using BenchmarkDotNet.Attributes;
using Npgsql;
using Trading.Data;
using Trading.Data.Storage.Postgres;
using Trading.Domain;

namespace Trading.Bench;

/// <summary>The PostgreSQL store, beside <see cref="StoreBenchmarks"/>: bulk upsert of 1M bars (binary COPY then one
/// INSERT ... ON CONFLICT) into an empty schema, and reading a 25-year daily series.</summary>
/// <remarks>
/// The server is <c>TRADE_BENCH_POSTGRES</c>, else <c>TRADE_TEST_POSTGRES</c> (an Npgsql connection string; `source
/// .ci/services` starts one). Without either, every benchmark returns at once and the setup says why on standard
/// error: the numbers are then meaningless, and the run is not a failure. Each run works in a schema of its own,
/// dropped at the end. Times are per bar (OperationsPerInvoke), so bars per second is 1e9 / Mean in ns.
/// </remarks>
[MemoryDiagnoser]
public class PostgresStoreBenchmarks
{
    private const int InsertSeries = 160;
    private const int InsertBarsPerSeries = 6250;
    private const int InsertBars = InsertSeries * InsertBarsPerSeries;
    private const int DailyBarsPerSeries = 25 * 252;

    private string? _server;
    private string? _schema;
    private MarketDataBatch _insertBatch = MarketDataBatch.Empty;
    private PostgresMarketDataStore? _store;

    [GlobalSetup(Target = nameof(InsertBarsIntoEmptySchema))]
    public void SetUpInsert()
    {
        if (Connect())
        {
            _insertBatch = new MarketDataBatch(SyntheticSeries.Make(InsertSeries, InsertBarsPerSeries), []);
        }
    }

    [IterationSetup(Target = nameof(InsertBarsIntoEmptySchema))]
    public void EmptySchema()
    {
        if (_server is null)
        {
            return;
        }

        _store?.Dispose();
        DropSchema();
        _store = PostgresMarketDataStore.OpenAsync(CreateSchema()).GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = InsertBars, Description = "postgres: insert 1M bars (COPY + upsert), per bar")]
    public long InsertBarsIntoEmptySchema() =>
        _store is null ? 0 : _store.WriteAsync(_insertBatch).GetAwaiter().GetResult().BarsWritten;

    [GlobalSetup(Targets = [nameof(ReadDailySeriesInRange), nameof(ReadDailySeriesOpenEnded), nameof(ListSeries)])]
    public void SetUpRead()
    {
        if (!Connect())
        {
            return;
        }

        _store = PostgresMarketDataStore.OpenAsync(CreateSchema()).GetAwaiter().GetResult();
        var all = SyntheticSeries.Make(500, DailyBarsPerSeries);
        for (var start = 0; start < all.Length; start += 50)
        {
            _store.WriteAsync(new MarketDataBatch(all[start..Math.Min(start + 50, all.Length)], [])).GetAwaiter().GetResult();
        }

        // Fresh statistics, as autovacuum would gather them on a server left alone.
        using var connection = new NpgsqlConnection(WithSchema(_schema!));
        connection.Open();
        using var analyze = new NpgsqlCommand("ANALYZE;", connection);
        analyze.ExecuteNonQuery();
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        _store?.Dispose();
        _store = null;
        DropSchema();
    }

    [Benchmark(OperationsPerInvoke = DailyBarsPerSeries, Description = "postgres: read 25y daily, from..to, per bar")]
    public int ReadDailySeriesInRange() =>
        _store is null
            ? 0
            : _store.ReadBarsAsync(Symbol.Parse("S250"), Interval.Daily, new DateTime(1990, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc))
                .GetAwaiter().GetResult().Count;

    [Benchmark(OperationsPerInvoke = DailyBarsPerSeries, Description = "postgres: read 25y daily, open range, per bar")]
    public int ReadDailySeriesOpenEnded() =>
        _store is null ? 0 : _store.ReadBarsAsync(Symbol.Parse("S250"), Interval.Daily).GetAwaiter().GetResult().Count;

    [Benchmark(Description = "postgres: list 500 series of 3.2M bars")]
    public int ListSeries() => _store is null ? 0 : _store.ListAsync().GetAwaiter().GetResult().Count;

    private bool Connect()
    {
        _server = Environment.GetEnvironmentVariable("TRADE_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("TRADE_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(_server))
        {
            _server = null;
            Console.Error.WriteLine("PostgresStoreBenchmarks: neither TRADE_BENCH_POSTGRES nor TRADE_TEST_POSTGRES is set; skipping (the results are empty runs).");
            return false;
        }

        return true;
    }

    private string CreateSchema()
    {
        _schema = $"bench_{Guid.NewGuid():N}";
        Execute($"CREATE SCHEMA {_schema};");
        return WithSchema(_schema);
    }

    private void DropSchema()
    {
        if (_server is not null && _schema is not null)
        {
            Execute($"DROP SCHEMA IF EXISTS {_schema} CASCADE;");
            _schema = null;
        }
    }

    private string WithSchema(string schema) => new NpgsqlConnectionStringBuilder(_server) { SearchPath = schema }.ToString();

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(_server);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
