using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
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
    private const int RowsPerInsert = 64;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _check;
    private readonly SqliteCommand?[] _inserts = new SqliteCommand?[RowsPerInsert + 1];

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

        for (var start = 0; start < entries.Count; start += RowsPerInsert)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rows = Math.Min(RowsPerInsert, entries.Count - start);
            var insert = Insert(rows);
            insert.Transaction = transaction;
            var parameters = insert.Parameters;
            parameters[0].Value = nodeId;
            for (var i = 0; i < rows; i++)
            {
                var entry = entries[start + i];
                parameters[1 + (4 * i)].Value = expectedNextSequence + start + i;
                parameters[2 + (4 * i)].Value = StoredMicroseconds.From(entry.StepTime);
                parameters[3 + (4 * i)].Value = entry.Kind;
                parameters[4 + (4 * i)].Value = entry.PayloadArray();
            }

            insert.ExecuteNonQuery();
        }

        // Last chance to give up: after the commit the step is stored whatever the caller wants.
        cancellationToken.ThrowIfCancellationRequested();
        transaction.Commit();
    }

    public void Dispose()
    {
        _check.Dispose();
        foreach (var insert in _inserts)
        {
            insert?.Dispose();
        }

        _connection.Dispose();
    }

    /// <summary>The prepared INSERT of <paramref name="rows"/> rows: built the first time a step needs it, then kept.</summary>
    private SqliteCommand Insert(int rows)
    {
        if (_inserts[rows] is { } prepared)
        {
            return prepared;
        }

        var sql = new StringBuilder("INSERT INTO node_journal (node_id, sequence, step_time, kind, payload) VALUES ");
        var insert = _connection.CreateCommand();
        insert.Parameters.Add("$node", SqliteType.Text);
        for (var i = 0; i < rows; i++)
        {
            sql.Append(CultureInfo.InvariantCulture, $"{(i == 0 ? string.Empty : ", ")}($node, $s{i}, $t{i}, $k{i}, $p{i})");
            insert.Parameters.Add($"$s{i}", SqliteType.Integer);
            insert.Parameters.Add($"$t{i}", SqliteType.Integer);
            insert.Parameters.Add($"$k{i}", SqliteType.Text);
            insert.Parameters.Add($"$p{i}", SqliteType.Blob);
        }

        insert.CommandText = sql.Append(';').ToString();
        _inserts[rows] = insert;
        return insert;
    }
}
