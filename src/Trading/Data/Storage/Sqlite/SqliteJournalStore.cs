using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Trading.Journal;

namespace Trading.Data.Storage.Sqlite;

/// <summary>The trading nodes' journals, leases and registry in the SQLite file of the market data (the default:
/// nothing to install).</summary>
/// <remarks>
/// <para>An append is one IMMEDIATE transaction: it takes the file's write lock first, then checks the lease and the
/// journal's last sequence and inserts the step, so no other connection or process can write between the check and
/// the insert. WAL with <c>synchronous = NORMAL</c> keeps every committed step across a crash of the process (kill -9);
/// a power cut may lose the last steps, which a node's reconciliation with its venue at start finds.</para>
/// <para>The tables are versioned in <c>schema_versions</c> under <see cref="Component"/>, apart from the market
/// data's and the strategy settings': any can gain a migration without renumbering the others. Only a write creates or
/// migrates them, so listing nodes works on a read-only file and beside a long import.</para>
/// <para>Appends keep one connection with their statements prepared (<see cref="SqliteStepWriter"/>); every other
/// operation takes a pooled one. Writes inside this process queue on a semaphore rather than on SQLite's busy handler,
/// and writers in other processes wait up to <see cref="SqliteStoreOptions.BusyTimeout"/>. Reads step through SQLite's
/// statement API (<see cref="SqliteJournalRows"/>). The driver is synchronous, so the async methods complete
/// synchronously.</para>
/// </remarks>
public sealed partial class SqliteJournalStore : IJournalStore, INodeRegistry, IDisposable
{
    /// <summary>The name this store's schema is versioned under in <c>schema_versions</c>.</summary>
    public const string Component = "journal";

    private readonly string _connectionString;
    private readonly string _connectionPragmas;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private SqliteStepWriter? _writer;
    private volatile bool _migrated;
    private bool _disposed;

    /// <summary>Opens (creating if needed) the database at <paramref name="databasePath"/> with default options.</summary>
    public SqliteJournalStore(string databasePath)
        : this(new SqliteStoreOptions { DatabasePath = databasePath })
    {
    }

    /// <summary>Opens the database of <paramref name="options"/>, the same options as the market data store's, creating
    /// its directory and file if missing.</summary>
    /// <exception cref="MarketDataStoreException">The file cannot be opened, is not a database, or its journal tables
    /// were written by a newer version of this program. The message names the file.</exception>
    public SqliteJournalStore(SqliteStoreOptions options)
        : this(options, SqliteOpenMode.ReadWriteCreate)
    {
    }

    /// <summary>For tests: a file opened read-only behaves as one the process may not write.</summary>
    internal SqliteJournalStore(SqliteStoreOptions options, SqliteOpenMode mode)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BusyTimeout, TimeSpan.Zero, nameof(options));
        DatabasePath = Path.GetFullPath(options.DatabasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = mode,
            Pooling = true,
            DefaultTimeout = (int)Math.Max(1, Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString();
        _connectionPragmas = FormattableString.Invariant(
            $"PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = {(long)Math.Min(options.BusyTimeout.TotalMilliseconds, int.MaxValue)};");
        try
        {
            var directory = Path.GetDirectoryName(DatabasePath);
            if (mode != SqliteOpenMode.ReadOnly && !string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            using var connection = Open();
            _migrated = SqliteComponentMigrator.ReadVersion(connection, Component, Migrations, DatabasePath) == Migrations.Count;
        }
        catch (SqliteException e)
        {
            throw Failure("cannot be opened", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new MarketDataStoreException($"The journal store '{DatabasePath}' cannot be created: {e.Message}", e);
        }
    }

    /// <summary>The tables' history, oldest first. Append to change it; never edit a released step.</summary>
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "node registry, leases and journal", """
            -- What a server runs and whether it should be running; times are microseconds since the Unix epoch, UTC.
            CREATE TABLE nodes (
                node_id    TEXT    NOT NULL PRIMARY KEY,
                definition TEXT    NOT NULL,
                state      TEXT    NOT NULL,
                reason     TEXT,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL
            ) WITHOUT ROWID;

            -- The one process that may append to a node's journal, until expires_at (the caller's clock).
            CREATE TABLE node_leases (
                node_id    TEXT    NOT NULL PRIMARY KEY,
                owner      TEXT    NOT NULL,
                expires_at INTEGER NOT NULL
            ) WITHOUT ROWID;

            -- Each node's entries, numbered 1, 2, 3, ...; the key keeps them in order for a read and refuses a repeat.
            CREATE TABLE node_journal (
                node_id   TEXT    NOT NULL,
                sequence  INTEGER NOT NULL CHECK (sequence > 0),
                step_time INTEGER NOT NULL,
                kind      TEXT    NOT NULL,
                payload   BLOB    NOT NULL,
                PRIMARY KEY (node_id, sequence)
            ) WITHOUT ROWID;
            """),
    ];

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc />
    public async Task AppendAsync(
        string nodeId,
        string leaseOwner,
        long expectedNextSequence,
        IReadOnlyList<JournalRecordDraft> entries,
        DateTime now,
        CancellationToken cancellationToken = default)
    {
        JournalRule.CheckAppend(nodeId, leaseOwner, expectedNextSequence, entries, now);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _writer ??= new SqliteStepWriter(OpenMigrated());
            _writer.Append(nodeId, leaseOwner, expectedNextSequence, entries, now, cancellationToken);
        }
        catch (SqliteException e)
        {
            // The next append starts on a fresh connection rather than trust this one's state.
            _writer?.Dispose();
            _writer = null;
            throw Failure($"could not append to the journal of node {nodeId}", e);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<JournalRecord> ReadAsync(string nodeId, long afterSequence = 0, CancellationToken cancellationToken = default)
    {
        JournalRule.CheckName(nodeId, "node id", nameof(nodeId));
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Read(nodeId, afterSequence, cancellationToken);
    }

    /// <inheritdoc />
    public Task<long> LastSequenceAsync(string nodeId, CancellationToken cancellationToken = default)
    {
        JournalRule.CheckName(nodeId, "node id", nameof(nodeId));
        return Query($"could not read the last sequence of node {nodeId}", static (connection, nodeId) => LastSequence(connection, nodeId), nodeId, 0L, cancellationToken);
    }

    /// <summary>Closes the idle pooled connections to this file so that it can be moved or deleted.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _writer?.Dispose();
        _writer = null;
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _writeGate.Dispose();
    }

    public override string ToString() => $"SQLite journal store at {DatabasePath}";

    private async IAsyncEnumerable<JournalRecord> Read(string nodeId, long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var what = $"could not read the journal of node {nodeId}";
        using var connection = Guard(what, Open);
        if (!_migrated && Guard(what, () => SqliteComponentMigrator.ReadVersion(connection, Component, Migrations, DatabasePath)) == 0)
        {
            yield break;
        }

        Guard(what, () => EnsureMigrated(connection));
        using var rows = Guard(what, () => new SqliteJournalRows(connection, nodeId, afterSequence));
        var count = 0;
        while (Next(rows, what))
        {
            if ((++count & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            yield return Entry(rows, nodeId);
        }
    }

    private static long LastSequence(SqliteConnection connection, string nodeId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(sequence), 0) FROM node_journal WHERE node_id = $node;";
        command.Parameters.AddWithValue("$node", nodeId);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>A read that needs no write: on a file whose journal tables were never created it answers
    /// <paramref name="none"/>.</summary>
    private Task<T> Query<T>(string what, Func<SqliteConnection, string, T> read, string nodeId, T none, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            using var connection = Open();
            if (!_migrated)
            {
                if (SqliteComponentMigrator.ReadVersion(connection, Component, Migrations, DatabasePath) == 0)
                {
                    return Task.FromResult(none);
                }

                EnsureMigrated(connection);
            }

            return Task.FromResult(read(connection, nodeId));
        }
        catch (SqliteException e)
        {
            throw Failure(what, e);
        }
    }

    /// <summary>A write of one statement or one transaction, queued behind this process's other writes.</summary>
    private async Task<T> Write<T>(string what, Func<SqliteConnection, T> write, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = Open();
            EnsureMigrated(connection);
            return write(connection);
        }
        catch (SqliteException e)
        {
            throw Failure(what, e);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private void EnsureMigrated(SqliteConnection connection)
    {
        if (_migrated)
        {
            return;
        }

        using (var command = connection.CreateCommand())
        {
            // WAL is a property of the file, set once (the market data store does the same): readers proceed while a
            // step is appended.
            command.CommandText = "PRAGMA journal_mode = WAL;";
            command.ExecuteNonQuery();
        }

        SqliteComponentMigrator.Migrate(connection, Component, Migrations, DatabasePath);
        _migrated = true;
    }

    private SqliteConnection OpenMigrated()
    {
        var connection = Open();
        try
        {
            EnsureMigrated(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private SqliteConnection Open() => SqliteConnectionOpening.Open(_connectionString, _connectionPragmas);

    private bool Next(SqliteJournalRows rows, string what)
    {
        try
        {
            return rows.MoveNext();
        }
        catch (SqliteException e)
        {
            throw Failure(what, e);
        }
    }

    /// <summary>The current row as an entry; a row that breaks the rule (written by another tool or by hand) is the
    /// store's failure, naming it, not the caller's bad argument.</summary>
    private JournalRecord Entry(SqliteJournalRows rows, string nodeId)
    {
        try
        {
            return rows.Current;
        }
        catch (ArgumentException e)
        {
            throw new MarketDataStoreException($"The journal store '{DatabasePath}' holds an entry of node {nodeId} that breaks the journal rule (written by another tool?): {e.Message}", e);
        }
    }

    private T Guard<T>(string what, Func<T> action)
    {
        try
        {
            return action();
        }
        catch (SqliteException e)
        {
            throw Failure(what, e);
        }
    }

    private void Guard(string what, Action action) => Guard(what, () =>
    {
        action();
        return 0;
    });

    private MarketDataStoreException Failure(string what, SqliteException e) =>
        new($"The journal store '{DatabasePath}' {what}: {SqliteFailureReason.Of(e)}.", e);
}
