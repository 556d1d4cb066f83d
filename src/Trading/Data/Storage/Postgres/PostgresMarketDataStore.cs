using Npgsql;
using NpgsqlTypes;
using Trading.Domain;

namespace Trading.Data.Storage.Postgres;

/// <summary>The market data store on a PostgreSQL server, for a team or a data set larger than a file should hold.</summary>
/// <remarks>
/// <para>The same contract as the SQLite store: upsert by (symbol, interval, time), inclusive ranges, a summary row
/// per series, a write is one transaction. Bulk writes go through binary COPY (<see cref="BarCopy"/>).</para>
/// <para>Constructing the store does no I/O: a server that is down when a program starts does not stop it from
/// starting (its health report says so). The schema is brought up to date by the first operation, and again by the
/// next one if that failed; <see cref="OpenAsync(string, CancellationToken)"/> does it at once.</para>
/// <para>Every failure is a <see cref="MarketDataStoreException"/> naming the server; one that says the server cannot
/// be reached is a <see cref="MarketDataStoreUnavailableException"/>. Npgsql's own exception is the inner one.</para>
/// <para>Each write counts a new version for the symbols it touched and notifies them, in its own transaction, so a
/// cache in any process can follow what changed (<see cref="WatchWrites"/>).</para>
/// </remarks>
public sealed partial class PostgresMarketDataStore : IMarketDataStore, IMarketDataWriteLog, IHealthProbe, IDisposable, IAsyncDisposable
{
    private const string ReadBarsSql = """
        SELECT time, open, high, low, close, volume FROM bars
        WHERE symbol = $1 AND interval = $2
          AND time BETWEEN coalesce($3, '-infinity'::timestamptz) AND coalesce($4, 'infinity'::timestamptz)
        ORDER BY time;
        """;

    private const string ExpectedCountSql =
        "SELECT first_time, last_time, bar_count FROM series WHERE symbol = $1 AND interval = $2;";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _connectionString;
    private readonly string? _searchPath;
    private readonly SchemaReadiness _schema;

    /// <summary>A store on the server and database of <paramref name="connectionString"/> (an Npgsql connection
    /// string: <c>Host=...;Port=...;Database=...;Username=...;Password=...</c>; <c>Search Path</c> picks a schema).</summary>
    public PostgresMarketDataStore(string connectionString)
    {
        _schema = new SchemaReadiness(MigrateAsync);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        NpgsqlConnectionStringBuilder settings;
        try
        {
            settings = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The PostgreSQL connection string is not valid: {e.Message}", nameof(connectionString), e);
        }

        Server = Describe(settings);
        _searchPath = settings.SearchPath;
        _connectionString = connectionString;
        _dataSource = NpgsqlDataSource.Create(settings);
    }

    /// <summary>Where the store is, for messages: host, port, database and schema, never a password.</summary>
    public string Server { get; }

    /// <summary>Creates the store and brings its schema up to date now, so that a wrong address or a database from a
    /// newer program is reported here rather than at the first read.</summary>
    public static async Task<PostgresMarketDataStore> OpenAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var store = new PostgresMarketDataStore(connectionString);
        try
        {
            await store.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async Task<StoreWriteResult> WriteAsync(MarketDataBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var checkedBatch = CheckedBatch.From(batch, cancellationToken);
        if (checkedBatch.IsEmpty)
        {
            return new StoreWriteResult(0, 0);
        }

        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await BarCopy.WriteAsync(connection, checkedBatch.Series, cancellationToken).ConfigureAwait(false);
            await WriteActionsAsync(connection, checkedBatch.Actions, cancellationToken).ConfigureAwait(false);
            await SymbolVersions.BumpAsync(connection, MarketDataWrites.SymbolsOf(batch), cancellationToken).ConfigureAwait(false);

            // Last chance to give up: after the commit the batch is stored whatever the caller wants.
            cancellationToken.ThrowIfCancellationRequested();
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            return new StoreWriteResult(checkedBatch.BarsWritten, checkedBatch.Actions.Count);
        }
        catch (Exception e) when (IsDriverFailure(e))
        {
            throw Failure("could not store the batch", e);
        }
    }

    /// <inheritdoc />
    public async Task<BarSeries> ReadBarsAsync(
        Symbol symbol,
        Interval interval,
        DateTime? from = null,
        DateTime? to = null,
        CancellationToken cancellationToken = default)
    {
        var lower = PostgresTimeBounds.Lower(from);
        var upper = PostgresTimeBounds.Upper(to);
        if (lower > upper)
        {
            return BarSeries.Empty(symbol, interval);
        }

        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await ReadBarsAsync(connection, symbol, interval, lower, upper, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsDriverFailure(e))
        {
            throw Failure($"could not read the {symbol} {interval} bars", e);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CorporateAction>> ReadActionsAsync(
        Symbol symbol,
        DateOnly? from = null,
        DateOnly? to = null,
        CancellationToken cancellationToken = default)
    {
        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await ReadActionsAsync(connection, symbol, from, to, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsDriverFailure(e))
        {
            throw Failure($"could not read the {symbol} corporate actions", e);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SeriesSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(
                "SELECT symbol, interval, first_time, last_time, bar_count FROM series;", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var list = new List<SeriesSummary>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                list.Add(new SeriesSummary(
                    Symbol.Parse(reader.GetString(0)),
                    Interval.Parse(reader.GetString(1)),
                    reader.GetFieldValue<DateTime>(2),
                    reader.GetFieldValue<DateTime>(3),
                    reader.GetInt64(4)));
            }

            // Sorted here rather than in SQL: intervals go shortest first, which their codes do not spell.
            list.Sort(static (a, b) =>
            {
                var bySymbol = a.Symbol.CompareTo(b.Symbol);
                return bySymbol != 0 ? bySymbol : a.Interval.NominalLength.CompareTo(b.Interval.NominalLength);
            });
            return list;
        }
        catch (Exception e) when (IsDriverFailure(e))
        {
            throw Failure("could not list its series", e);
        }
    }

    /// <summary>A round trip to the server, with the schema brought up to date if it was not.</summary>
    public async Task<ComponentHealth> ProbeAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT 1;", connection);
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            return ComponentHealth.Available("postgres", Server);
        }
        catch (Exception e) when (IsDriverFailure(e) || e is MarketDataStoreException)
        {
            return ComponentHealth.Unavailable("postgres", Server, (e is MarketDataStoreException ? e : Failure("does not answer", e)).Message);
        }
    }

    /// <summary>Follows the writes to this schema by every process, through a connection of the watch's own that
    /// LISTENs for the notices each write sends; it connects at the first poll.</summary>
    public IMarketDataWriteWatch WatchWrites() => new PostgresWriteWatch(EnsureSchemaAsync, _connectionString, Server);

    public void Dispose() => _dataSource.Dispose();

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public override string ToString() => $"PostgreSQL market data store ({Server})";

    /// <summary>Runs <paramref name="work"/> on a connection of this database once its schema is up to date, with
    /// the store's failure reporting (<paramref name="what"/> completes "the market data store ... "): for tables
    /// that share the database and its migrations, such as the strategy settings.</summary>
    internal async Task<T> RunAsync<T>(string what, Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await work(connection).ConfigureAwait(false);
        }
        catch (Exception e) when (IsDriverFailure(e))
        {
            throw Failure(what, e);
        }
    }

    /// <summary>Migrates once per store; a failed attempt is forgotten so that the next operation tries again (the
    /// server may be back).</summary>
    internal async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _schema.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsDriverFailure(e))
        {
            throw Failure("cannot be opened", e);
        }
    }

    private async Task MigrateAsync()
    {
        await using var connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await PostgresSchemaMigrator.MigrateAsync(connection, PostgresSchema.Migrations, Server, CancellationToken.None).ConfigureAwait(false);
    }

    private static async Task WriteActionsAsync(NpgsqlConnection connection, IReadOnlyList<CorporateAction> actions, CancellationToken cancellationToken)
    {
        if (actions.Count == 0)
        {
            return;
        }

        // Sorted by key, as the bars are, so that concurrent writers lock rows in one order.
        var sorted = actions
            .OrderBy(a => a.Symbol.Value, StringComparer.Ordinal)
            .ThenBy(a => a.ExDate)
            .ThenBy(a => StoredActionKind.From(a.Kind), StringComparer.Ordinal)
            .ToArray();
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO corporate_actions (symbol, ex_date, kind, value)
            SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::numeric[])
            ON CONFLICT (symbol, ex_date, kind) DO UPDATE SET value = excluded.value;
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. sorted.Select(a => a.Symbol.Value)] });
        command.Parameters.Add(new NpgsqlParameter<DateOnly[]> { TypedValue = [.. sorted.Select(a => a.ExDate)] });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. sorted.Select(a => StoredActionKind.From(a.Kind))] });
        command.Parameters.Add(new NpgsqlParameter<decimal[]> { TypedValue = [.. sorted.Select(a => a.Value)] });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The bars of one series in [<paramref name="lower"/>, <paramref name="upper"/>] on an open connection
    /// (in its transaction, if it has one).</summary>
    private static async Task<BarSeries> ReadBarsAsync(NpgsqlConnection connection, Symbol symbol, Interval interval, DateTime? lower, DateTime? upper, CancellationToken cancellationToken)
    {
        if (lower > upper)
        {
            return BarSeries.Empty(symbol, interval);
        }

        // The summary row sizes the columns so they are allocated once; both queries go in one round trip.
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command(ExpectedCountSql, Text(symbol.Value), Text(interval.Code)),
                Command(ReadBarsSql, Text(symbol.Value), Text(interval.Code), Time(lower), Time(upper)),
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var expected = await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? ExpectedBarCount(reader.GetFieldValue<DateTime>(0), reader.GetFieldValue<DateTime>(1), reader.GetInt64(2), lower, upper, interval)
            : 0;
        if (expected == 0)
        {
            return BarSeries.Empty(symbol, interval);
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var columns = new BarSeriesBuilder(expected);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            columns.Add(
                reader.GetFieldValue<DateTime>(0),
                reader.GetDouble(1),
                reader.GetDouble(2),
                reader.GetDouble(3),
                reader.GetDouble(4),
                reader.GetDouble(5));
        }

        return columns.Count == 0 ? BarSeries.Empty(symbol, interval) : InvalidStoredBarException.ThrowIfAny(columns.ToSeries(symbol, interval));
    }

    /// <summary>The corporate actions of one symbol with ex-dates in [<paramref name="from"/>, <paramref name="to"/>]
    /// on an open connection (in its transaction, if it has one).</summary>
    private static async Task<IReadOnlyList<CorporateAction>> ReadActionsAsync(NpgsqlConnection connection, Symbol symbol, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT ex_date, kind, value FROM corporate_actions
            WHERE symbol = $1 AND ex_date BETWEEN $2 AND $3
            ORDER BY ex_date, kind;
            """,
            connection);
        command.Parameters.Add(Text(symbol.Value));
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = from ?? DateOnly.MinValue });
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = to ?? DateOnly.MaxValue });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var actions = new List<CorporateAction>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            actions.Add(new CorporateAction(
                symbol,
                reader.GetFieldValue<DateOnly>(0),
                StoredActionKind.Parse(reader.GetString(1)),
                reader.GetDecimal(2)));
        }

        return actions;
    }

    /// <summary>How many bars a read of [lower, upper] should return: exact for an open-ended read, and for a narrower
    /// one the bars that fit the range at the interval's length, so a short read of a long series stays small.</summary>
    private static int ExpectedBarCount(DateTime first, DateTime last, long count, DateTime? lower, DateTime? upper, Interval interval)
    {
        var from = lower is { } l && l > first ? l : first;
        var to = upper is { } u && u < last ? u : last;
        if (to < from)
        {
            return 0;
        }

        var fitting = ((to - from).Ticks / interval.NominalLength.Ticks) + 1;
        return (int)Math.Min(Math.Min(count, fitting), Array.MaxLength);
    }

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Text };

    private static NpgsqlParameter Time(DateTime? value) =>
        new() { Value = value is { } v ? v : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz };
}
