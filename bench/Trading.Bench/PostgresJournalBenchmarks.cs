using BenchmarkDotNet.Attributes;
using Npgsql;
using Trading.Data.Storage.Postgres;
using Trading.Journal;

namespace Trading.Bench;

/// <summary>The PostgreSQL journal, beside <see cref="JournalBenchmarks"/>: appending steps of 20 entries into an empty
/// schema, and reading a journal of 1M entries back.</summary>
/// <remarks>
/// The server is <c>TRADE_BENCH_POSTGRES</c>, else <c>TRADE_TEST_POSTGRES</c> (`source .ci/services` starts one).
/// Without either, every benchmark returns at once and the setup says why on standard error. Each run works in a
/// schema of its own, dropped at the end. Append reports time per entry, read the time for all 1M entries.
/// </remarks>
[MemoryDiagnoser]
public class PostgresJournalBenchmarks
{
    private const int EntriesPerStep = 20;
    private const int AppendSteps = 2_000;
    private const int AppendEntries = AppendSteps * EntriesPerStep;
    private const int ReadEntries = 1_000_000;

    private static readonly DateTime Now = new(2024, 1, 2, 21, 0, 0, DateTimeKind.Utc);

    private string? _server;
    private string? _schema;
    private JournalRecordDraft[][] _steps = [];
    private PostgresMarketDataStore? _database;
    private PostgresJournalStore? _store;

    [GlobalSetup(Target = nameof(AppendStepsOf20))]
    public void SetUpAppend()
    {
        if (Connect())
        {
            _steps = JournalSteps.Make(AppendSteps, EntriesPerStep);
        }
    }

    [IterationSetup(Target = nameof(AppendStepsOf20))]
    public void EmptySchema()
    {
        if (_server is null)
        {
            return;
        }

        _database?.Dispose();
        DropSchema();
        _database = new PostgresMarketDataStore(CreateSchema());
        _store = new PostgresJournalStore(_database);
        _store.TryAcquireLeaseAsync("n1", "bench", TimeSpan.FromDays(1), Now).GetAwaiter().GetResult();
    }

    [Benchmark(OperationsPerInvoke = AppendEntries, Description = "postgres journal: append 40k entries in steps of 20, per entry")]
    public long AppendStepsOf20() => _store is null ? 0 : JournalSteps.AppendAll(_store, "n1", _steps, Now);

    [GlobalSetup(Target = nameof(Read1MEntries))]
    public void SetUpRead()
    {
        if (!Connect())
        {
            return;
        }

        _database = new PostgresMarketDataStore(CreateSchema());
        _store = new PostgresJournalStore(_database);
        _store.TryAcquireLeaseAsync("n1", "bench", TimeSpan.FromDays(1), Now).GetAwaiter().GetResult();
        JournalSteps.AppendAll(_store, "n1", JournalSteps.Make(ReadEntries / 1_000, 1_000), Now);

        // Fresh statistics and visibility map, as autovacuum would leave them on a server left alone.
        Execute(WithSchema(_schema!), "VACUUM ANALYZE node_journal;");
    }

    [GlobalCleanup]
    public void CleanUp()
    {
        _database?.Dispose();
        _database = null;
        _store = null;
        DropSchema();
    }

    [Benchmark(Description = "postgres journal: read 1M entries")]
    public long Read1MEntries() => _store is null ? 0 : JournalSteps.ReadAll(_store, "n1");

    private bool Connect()
    {
        _server = Environment.GetEnvironmentVariable("TRADE_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("TRADE_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(_server))
        {
            _server = null;
            Console.Error.WriteLine("PostgresJournalBenchmarks: neither TRADE_BENCH_POSTGRES nor TRADE_TEST_POSTGRES is set; skipping (the results are empty runs).");
            return false;
        }

        return true;
    }

    private string CreateSchema()
    {
        _schema = $"bench_{Guid.NewGuid():N}";
        Execute(_server!, $"CREATE SCHEMA {_schema};");
        return WithSchema(_schema);
    }

    private void DropSchema()
    {
        if (_server is not null && _schema is not null)
        {
            Execute(_server, $"DROP SCHEMA IF EXISTS {_schema} CASCADE;");
            _schema = null;
        }
    }

    private string WithSchema(string schema) => new NpgsqlConnectionStringBuilder(_server) { SearchPath = schema }.ToString();

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
