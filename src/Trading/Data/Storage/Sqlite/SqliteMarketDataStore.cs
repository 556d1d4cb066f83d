using System.Globalization;
using Microsoft.Data.Sqlite;
using Trading.Domain;

namespace Trading.Data.Storage.Sqlite;

/// <summary>The embedded market data store: one SQLite file, nothing to install.</summary>
/// <remarks>
/// Each operation takes its own connection from Microsoft.Data.Sqlite's pool, so any number of readers run alongside
/// one writer (WAL lets readers see the last committed state while a write is in progress). Writers inside this
/// process queue on a semaphore rather than spin on SQLite's busy handler; writers in other processes wait up to
/// <see cref="SqliteStoreOptions.BusyTimeout"/>. SQLite's driver does its work synchronously, so the async methods
/// complete synchronously too; they check the cancellation token as they go.
/// <para>Each write stamps the symbols it touched in <c>symbol_versions</c>, in its own transaction, so a cache in any
/// process can find what changed (<see cref="WatchWrites"/>).</para>
/// </remarks>
public sealed partial class SqliteMarketDataStore : IMarketDataStore, IMarketDataWriteLog, IHealthProbe, IDisposable
{
    private readonly string _connectionString;
    private readonly string _connectionPragmas;
    private readonly TimeSpan _writePollInterval;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly BarColumnFiles _columns;
    private bool _disposed;

    /// <summary>Opens (creating if needed) the database at <paramref name="databasePath"/> with default options.</summary>
    public SqliteMarketDataStore(string databasePath)
        : this(new SqliteStoreOptions { DatabasePath = databasePath })
    {
    }

    /// <summary>Opens the database, creating its directory and file if missing, and brings its schema up to date.</summary>
    /// <exception cref="MarketDataStoreException">The file cannot be opened, is not a database, is corrupt, or was
    /// written by a newer version of this program. The message names the file.</exception>
    public SqliteMarketDataStore(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BusyTimeout, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.WritePollInterval, TimeSpan.Zero, nameof(options));
        _writePollInterval = options.WritePollInterval;
        DatabasePath = Path.GetFullPath(options.DatabasePath);
        _columns = BarColumnFiles.Beside(DatabasePath);
        var busyMilliseconds = (long)Math.Min(options.BusyTimeout.TotalMilliseconds, int.MaxValue);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = (int)Math.Max(1, Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString();

        // Per-connection settings: NORMAL is durable across application crashes in WAL mode and only risks the last
        // transactions on power loss, for far fewer fsyncs than FULL.
        _connectionPragmas = FormattableString.Invariant(
            $"PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = {busyMilliseconds};");

        try
        {
            var directory = Path.GetDirectoryName(DatabasePath);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            using var connection = new SqliteConnection(_connectionString);
            connection.Open();
            using (var command = connection.CreateCommand())
            {
                // WAL is a property of the file, set once; it lets readers proceed while a write is in progress.
                command.CommandText = "PRAGMA journal_mode = WAL; " + _connectionPragmas;
                command.ExecuteNonQuery();
            }

            SqliteSchemaMigrator.Migrate(connection, SqliteSchema.Migrations, DatabasePath);
        }
        catch (SqliteException e)
        {
            throw Failure("cannot be opened", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MarketDataStoreException($"The market data store '{DatabasePath}' cannot be created: {e.Message}", e);
        }
    }

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc />
    public async Task<StoreWriteResult> WriteAsync(MarketDataBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            var bars = WriteBars(connection, transaction, batch.Series, cancellationToken);
            var actions = WriteActions(connection, transaction, batch.Actions, cancellationToken);
            SymbolVersions.Bump(connection, transaction, MarketDataWrites.SymbolsOf(batch));

            // Last chance to give up: after the commit the batch is stored whatever the caller wants.
            cancellationToken.ThrowIfCancellationRequested();
            transaction.Commit();
            return new StoreWriteResult(bars, actions);
        }
        catch (SqliteException e)
        {
            throw Failure("could not store the batch", e);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public Task<BarSeries> ReadBarsAsync(
        Symbol symbol,
        Interval interval,
        DateTime? from = null,
        DateTime? to = null,
        CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return Task.FromResult(ReadBars(symbol, interval, from, to, cancellationToken));
        }
        catch (SqliteException e)
        {
            throw Failure($"could not read the {symbol} {interval} bars", e);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CorporateAction>> ReadActionsAsync(
        Symbol symbol,
        DateOnly? from = null,
        DateOnly? to = null,
        CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT ex_date, kind, value FROM corporate_actions
                WHERE symbol = $symbol AND ex_date BETWEEN $from AND $to
                ORDER BY ex_date, kind;
                """;
            command.Parameters.AddWithValue("$symbol", symbol.Value);
            command.Parameters.AddWithValue("$from", StoredDate(from ?? DateOnly.MinValue));
            command.Parameters.AddWithValue("$to", StoredDate(to ?? DateOnly.MaxValue));
            using var reader = command.ExecuteReader();
            var actions = new List<CorporateAction>();
            while (reader.Read())
            {
                actions.Add(new CorporateAction(
                    symbol,
                    DateOnly.ParseExact(reader.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                    StoredActionKind.Parse(reader.GetString(1)),
                    decimal.Parse(reader.GetString(2), NumberStyles.Number, CultureInfo.InvariantCulture)));
            }

            return Task.FromResult<IReadOnlyList<CorporateAction>>(actions);
        }
        catch (SqliteException e)
        {
            throw Failure($"could not read the {symbol} corporate actions", e);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SeriesSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT symbol, interval, first_time, last_time, bar_count FROM series;";
            using var reader = command.ExecuteReader();
            var list = new List<SeriesSummary>();
            while (reader.Read())
            {
                list.Add(new SeriesSummary(
                    Symbol.Parse(reader.GetString(0)),
                    Interval.Parse(reader.GetString(1)),
                    StoredTime.ToBarTime(reader.GetInt64(2)),
                    StoredTime.ToBarTime(reader.GetInt64(3)),
                    reader.GetInt64(4)));
            }

            // Sorted here rather than in SQL: intervals go shortest first, which their codes do not spell.
            list.Sort(static (a, b) =>
            {
                var bySymbol = a.Symbol.CompareTo(b.Symbol);
                return bySymbol != 0 ? bySymbol : a.Interval.NominalLength.CompareTo(b.Interval.NominalLength);
            });
            return Task.FromResult<IReadOnlyList<SeriesSummary>>(list);
        }
        catch (SqliteException e)
        {
            throw Failure("could not list its series", e);
        }
    }

    /// <summary>Follows the writes to this file by every process, polling at most every
    /// <see cref="SqliteStoreOptions.WritePollInterval"/>.</summary>
    public IMarketDataWriteWatch WatchWrites()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new SqliteWriteWatch(Open, _writePollInterval, DatabasePath);
    }

    /// <summary>Opens the file and reads the series table: a file that was deleted, locked or damaged since the store
    /// opened it says so here.</summary>
    public Task<ComponentHealth> ProbeAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        try
        {
            using var connection = Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM series;";
            command.ExecuteScalar();
            return Task.FromResult(ComponentHealth.Available("sqlite", DatabasePath));
        }
        catch (SqliteException e)
        {
            return Task.FromResult(ComponentHealth.Unavailable("sqlite", DatabasePath, Failure("does not answer", e).Message));
        }
    }

    /// <summary>Closes the idle pooled connections to this file so that it can be moved or deleted.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _writeGate.Dispose();
    }

    public override string ToString() => $"SQLite market data store at {DatabasePath}";

    private SqliteConnection Open() => SqliteConnectionOpening.Open(_connectionString, _connectionPragmas);

    private static long WriteBars(
        SqliteConnection connection,
        SqliteTransaction transaction,
        IReadOnlyList<BarSeries> seriesList,
        CancellationToken cancellationToken)
    {
        using var upsert = new BarUpsert(connection);
        using var summary = new SeriesSummaryUpdate(connection, transaction);
        long written = 0;
        for (var s = 0; s < seriesList.Count; s++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var series = seriesList[s];
            if (series.IsEmpty)
            {
                continue;
            }

            var first = StoredTime.FromBarTime(series.FirstTime, series.Symbol, series.Interval);
            var last = StoredTime.FromBarTime(series.LastTime, series.Symbol, series.Interval);
            var before = summary.CountRange(series.Symbol, series.Interval, first, last);

            upsert.Write(series, cancellationToken);
            var after = summary.CountRange(series.Symbol, series.Interval, first, last);
            summary.Merge(series.Symbol, series.Interval, first, last, after - before);
            written += series.Count;
        }

        return written;
    }

    private static long WriteActions(
        SqliteConnection connection,
        SqliteTransaction transaction,
        IReadOnlyList<CorporateAction> actions,
        CancellationToken cancellationToken)
    {
        if (actions.Count == 0)
        {
            return 0;
        }

        using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = """
            INSERT INTO corporate_actions (symbol, ex_date, kind, value) VALUES ($symbol, $exDate, $kind, $value)
            ON CONFLICT (symbol, ex_date, kind) DO UPDATE SET value = excluded.value;
            """;
        var pSymbol = upsert.Parameters.Add("$symbol", SqliteType.Text);
        var pExDate = upsert.Parameters.Add("$exDate", SqliteType.Text);
        var pKind = upsert.Parameters.Add("$kind", SqliteType.Text);
        var pValue = upsert.Parameters.Add("$value", SqliteType.Text);
        upsert.Prepare();
        for (var i = 0; i < actions.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var action = actions[i];
            pSymbol.Value = action.Symbol.Value;
            pExDate.Value = StoredDate(action.ExDate);
            pKind.Value = StoredActionKind.From(action.Kind);

            // Text keeps the decimal exactly, scale included (0.2400 stays 0.2400); REAL would round it.
            pValue.Value = action.Value.ToString(CultureInfo.InvariantCulture);
            upsert.ExecuteNonQuery();
        }

        return actions.Count;
    }

    private BarSeries ReadBars(Symbol symbol, Interval interval, DateTime? from, DateTime? to, CancellationToken cancellationToken)
    {
        using var connection = Open();
        return ReadBars(connection, symbol, interval, from, to, cancellationToken);
    }

    private static BarSeries ReadBars(SqliteConnection connection, Symbol symbol, Interval interval, DateTime? from, DateTime? to, CancellationToken cancellationToken)
    {
        var lower = StoredTime.LowerBound(from);
        var upper = StoredTime.UpperBound(to);
        if (upper < lower)
        {
            return BarSeries.Empty(symbol, interval);
        }

        var columns = new BarSeriesBuilder(ExpectedBarCount(connection, symbol, interval, lower, upper));
        BarRangeQuery.ReadInto(connection, symbol, interval, lower, upper, columns, cancellationToken);
        return columns.Count == 0 ? BarSeries.Empty(symbol, interval) : InvalidStoredBarException.ThrowIfAny(columns.ToSeries(symbol, interval));
    }

    /// <summary>How many bars a read of [lower, upper] should return, from the summary: exact for an open-ended read,
    /// and for a narrower one the bars that fit the range at the interval's length, so the columns are allocated once
    /// and a short read of a long series does not allocate for all of it.</summary>
    private static int ExpectedBarCount(SqliteConnection connection, Symbol symbol, Interval interval, long lower, long upper)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT first_time, last_time, bar_count FROM series WHERE symbol = $symbol AND interval = $interval;";
        command.Parameters.AddWithValue("$symbol", symbol.Value);
        command.Parameters.AddWithValue("$interval", interval.Code);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return 0;
        }

        var first = Math.Max(lower, reader.GetInt64(0));
        var last = Math.Min(upper, reader.GetInt64(1));
        if (last < first)
        {
            return 0;
        }

        var fitting = ((last - first) / (long)interval.NominalLength.TotalSeconds) + 1;
        return (int)Math.Min(Math.Min(reader.GetInt64(2), fitting), Array.MaxLength);
    }

    private static string StoredDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private MarketDataStoreException Failure(string what, SqliteException e) =>
        new($"The market data store '{DatabasePath}' {what}: {SqliteFailureReason.Of(e)}.", e);
}
