using Microsoft.Data.Sqlite;
using SQLitePCL;
using Trading.Journal;

namespace Trading.Data.Storage.Sqlite;

/// <summary>Appends steps to the journal, one IMMEDIATE transaction each, on a connection it keeps with its statements
/// prepared once: a node writes a step per bar time, and opening, configuring and preparing anew each time cost more
/// than the step's inserts.</summary>
/// <remarks>Not thread-safe: the store uses it under its write gate, and drops it after a driver failure.</remarks>
internal sealed class SqliteStepWriter : IDisposable
{
    /// <summary>Rows per INSERT statement: one statement of many rows costs far less than as many statements, and 64
    /// rows of 5 parameters stay well under SQLite's limit of 32,766.</summary>
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _check;
    private sqlite3_stmt? _insert;

    public SqliteStepWriter(SqliteConnection connection)
    {
        _connection = connection;

        // The lease and the last sequence in one statement: one step of the virtual machine instead of two.
        _check = connection.CreateCommand();
        _check.CommandText = """
            SELECT (SELECT owner FROM node_leases WHERE node_id = $node),
                   (SELECT expires_at FROM node_leases WHERE node_id = $node),
                   (SELECT coalesce(max(sequence), 0) FROM node_journal WHERE node_id = $node);
            """;
        _check.Parameters.Add("$node", SqliteType.Text);
    }

    /// <summary>Checks the lease and the sequence and inserts the step, all in one transaction; throws
    /// <see cref="JournalConflictException"/> (nothing written) when a check fails.</summary>
    public void Append(string nodeId, string leaseOwner, long expectedNextSequence, IReadOnlyList<JournalRecordDraft> entries, DateTime now, CancellationToken cancellationToken)
    {
        // IMMEDIATE: the write lock is taken before the checks, so they hold until the commit.
        using var transaction = _connection.BeginTransaction(deferred: false);
        _check.Transaction = transaction;
        _check.Parameters[0].Value = nodeId;
        JournalLease? lease;
        long last;
        using (var reader = _check.ExecuteReader())
        {
            reader.Read();
            lease = reader.IsDBNull(0) ? null : new JournalLease(nodeId, reader.GetString(0), StoredMicroseconds.ToTime(reader.GetInt64(1)));
            last = reader.GetInt64(2);
        }

        if (lease is null || lease.Owner != leaseOwner || !lease.IsHeldAt(now))
        {
            throw JournalConflictException.LeaseNotHeld(nodeId, leaseOwner, expectedNextSequence, lease, now);
        }

        if (last != expectedNextSequence - 1)
        {
            throw JournalConflictException.SequenceMismatch(nodeId, expectedNextSequence, last);
        }

        // One prepared statement, bound and stepped through SQLite's own API: ADO.NET's parameter objects cost more
        // than the row itself at a node's hundreds of thousands of entries.
        var insert = Insert();
        Check(raw.sqlite3_bind_text(insert, 1, nodeId));
        for (var i = 0; i < entries.Count; i++)
        {
            if ((i & 63) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var entry = entries[i];
            Check(raw.sqlite3_bind_int64(insert, 2, expectedNextSequence + i));
            Check(raw.sqlite3_bind_int64(insert, 3, StoredMicroseconds.From(entry.StepTime)));
            Check(raw.sqlite3_bind_text(insert, 4, entry.Kind));
            Check(raw.sqlite3_bind_blob(insert, 5, entry.Payload.Span));
            var result = raw.sqlite3_step(insert);
            raw.sqlite3_reset(insert);
            if (result != raw.SQLITE_DONE)
            {
                Check(result);
            }
        }

        // Last chance to give up: after the commit the step is stored whatever the caller wants.
        cancellationToken.ThrowIfCancellationRequested();
        transaction.Commit();
    }

    public void Dispose()
    {
        _check.Dispose();
        _insert?.Dispose();

        _connection.Dispose();
    }

    /// <summary>The prepared INSERT of one row: built the first time a step needs it, then kept.</summary>
    private sqlite3_stmt Insert()
    {
        if (_insert is null)
        {
            Check(raw.sqlite3_prepare_v2(
                _connection.Handle!,
                "INSERT INTO node_journal (node_id, sequence, step_time, kind, payload) VALUES (?1, ?2, ?3, ?4, ?5);",
                out var statement));
            _insert = statement;
        }

        return _insert;
    }

    private void Check(int result)
    {
        if (result is not (raw.SQLITE_OK or raw.SQLITE_DONE))
        {
            SqliteException.ThrowExceptionForRC(result, _connection.Handle);
        }
    }
}
