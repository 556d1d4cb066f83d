using Microsoft.Data.Sqlite;
using SQLitePCL;
using Trading.Journal;

namespace Trading.Data.Storage.Sqlite;

/// <summary>Appends steps to the journal, one IMMEDIATE transaction each, on a connection it keeps with its statements
/// prepared once: a node writes a step per bar time, and opening, configuring and preparing anew each time cost more
/// than the step's inserts.</summary>
/// <remarks>The statements (begin, the checks, the insert, commit) are stepped through SQLite's own API, and each
/// row's values are bound with direct calls under the connection's mutex held once (<see cref="HeldStatement"/>):
/// ADO.NET's commands and SQLitePCL's per-call handle pinning cost more than the rows at a node's hundreds of
/// thousands of entries. Not thread-safe: the store uses it under its write gate, and drops it after a driver
/// failure.</remarks>
internal sealed class SqliteStepWriter : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3 _db;
    private readonly List<sqlite3_stmt> _statements = [];
    private readonly sqlite3_stmt _begin;
    private readonly sqlite3_stmt _check;
    private readonly sqlite3_stmt _insert;
    private readonly sqlite3_stmt _commit;
    private readonly sqlite3_stmt _rollback;

    // The entry kinds in UTF-8, as bound: a step has a handful of kinds and tens of entries.
    private readonly Dictionary<string, byte[]> _kinds = [];

    /// <summary>Takes the connection (disposed with this writer) and prepares the statements.</summary>
    public SqliteStepWriter(SqliteConnection connection)
    {
        _connection = connection;
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        try
        {
            // IMMEDIATE: the write lock is taken before the checks, so they hold until the commit.
            _begin = Prepare("BEGIN IMMEDIATE;");

            // The lease and the last sequence in one statement: one step of the virtual machine instead of two.
            _check = Prepare("""
                SELECT (SELECT owner FROM node_leases WHERE node_id = ?1),
                       (SELECT expires_at FROM node_leases WHERE node_id = ?1),
                       (SELECT coalesce(max(sequence), 0) FROM node_journal WHERE node_id = ?1);
                """);
            _insert = Prepare("INSERT INTO node_journal (node_id, sequence, step_time, kind, payload) VALUES (?1, ?2, ?3, ?4, ?5);");
            _commit = Prepare("COMMIT;");
            _rollback = Prepare("ROLLBACK;");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>Checks the lease and the sequence and inserts the step, all in one transaction; throws
    /// <see cref="JournalConflictException"/> (nothing written) when a check fails.</summary>
    public void Append(string nodeId, string leaseOwner, long expectedNextSequence, IReadOnlyList<JournalRecordDraft> entries, DateTime now, CancellationToken cancellationToken)
    {
        Run(_begin);
        var committed = false;
        try
        {
            Check(raw.sqlite3_bind_text(_check, 1, nodeId));
            JournalLease? lease;
            long last;
            try
            {
                Row(_check);
                lease = raw.sqlite3_column_type(_check, 0) == raw.SQLITE_NULL
                    ? null
                    : new JournalLease(nodeId, raw.sqlite3_column_text(_check, 0).utf8_to_string(), StoredMicroseconds.ToTime(raw.sqlite3_column_int64(_check, 1)));
                last = raw.sqlite3_column_int64(_check, 2);
            }
            finally
            {
                raw.sqlite3_reset(_check);
            }

            if (lease is null || lease.Owner != leaseOwner || !lease.IsHeldAt(now))
            {
                throw JournalConflictException.LeaseNotHeld(nodeId, leaseOwner, expectedNextSequence, lease, now);
            }

            if (last != expectedNextSequence - 1)
            {
                throw JournalConflictException.SequenceMismatch(nodeId, expectedNextSequence, last);
            }

            Insert(nodeId, expectedNextSequence, entries, cancellationToken);

            // Last chance to give up: after the commit the step is stored whatever the caller wants.
            cancellationToken.ThrowIfCancellationRequested();
            Run(_commit);
            committed = true;
        }
        finally
        {
            // SQLite has rolled back by itself after some failures; otherwise nothing of the step stays.
            if (!committed && raw.sqlite3_get_autocommit(_db) == 0)
            {
                raw.sqlite3_step(_rollback);
                raw.sqlite3_reset(_rollback);
            }
        }
    }

    public void Dispose()
    {
        foreach (var statement in _statements)
        {
            statement.Dispose();
        }

        _connection.Dispose();
    }

    private void Insert(string nodeId, long firstSequence, IReadOnlyList<JournalRecordDraft> entries, CancellationToken cancellationToken)
    {
        Check(raw.sqlite3_bind_text(_insert, 1, nodeId));
        using var held = new HeldStatement(_db, _insert);
        var insert = held.Handle;
        for (var i = 0; i < entries.Count; i++)
        {
            if ((i & 63) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var entry = entries[i];
            var kind = Utf8(entry.Kind);
            var payload = entry.Payload.Span;
            Check(SqliteNative.sqlite3_bind_int64(insert, 2, firstSequence + i));
            Check(SqliteNative.sqlite3_bind_int64(insert, 3, StoredMicroseconds.From(entry.StepTime)));
            Check(SqliteNative.sqlite3_bind_text(insert, 4, ref kind[0], kind.Length, SqliteNative.Transient));

            // An empty span may have no address; SQLite would take a null one for NULL.
            Check(payload.IsEmpty
                ? SqliteNative.sqlite3_bind_zeroblob(insert, 5, 0)
                : SqliteNative.sqlite3_bind_blob(insert, 5, in payload[0], payload.Length, SqliteNative.Transient));
            var result = SqliteNative.sqlite3_step(insert);
            SqliteNative.sqlite3_reset(insert);
            if (result != raw.SQLITE_DONE)
            {
                Check(result);
            }
        }
    }

    private byte[] Utf8(string kind)
    {
        if (!_kinds.TryGetValue(kind, out var bytes))
        {
            bytes = System.Text.Encoding.UTF8.GetBytes(kind);
            _kinds[kind] = bytes;
        }

        return bytes;
    }

    private sqlite3_stmt Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v2(_db, sql, out var statement));
        _statements.Add(statement);
        return statement;
    }

    /// <summary>Steps a statement that returns no row (begin, commit) and resets it.</summary>
    private void Run(sqlite3_stmt statement)
    {
        var result = raw.sqlite3_step(statement);
        raw.sqlite3_reset(statement);
        if (result != raw.SQLITE_DONE)
        {
            Check(result);
        }
    }

    private void Row(sqlite3_stmt statement)
    {
        var result = raw.sqlite3_step(statement);
        if (result != raw.SQLITE_ROW)
        {
            Check(result == raw.SQLITE_DONE ? raw.SQLITE_ERROR : result);
        }
    }

    private void Check(int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE))
        {
            SqliteException.ThrowExceptionForRC(result, _db);
        }
    }
}
