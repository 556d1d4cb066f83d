using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Trading.Journal;

namespace Trading.Data.Storage.Sqlite;

/// <summary>A node's entries after a sequence, read straight from SQLite's statement API: a node reads its whole
/// history at every start, and the ADO.NET reader's per-column calls cost about 40% more per row and allocate a string
/// for every kind.</summary>
/// <remarks>Kinds are few (fill, order events, cash, equity), so each is decoded once and its string reused. Errors
/// are thrown as the driver throws them (<see cref="SqliteException"/>), for the store to report.</remarks>
internal sealed class SqliteJournalRows : IDisposable
{
    private const int MaxKnownKinds = 64;

    private readonly SqliteConnection _connection;
    private readonly sqlite3_stmt _statement;
    private readonly List<(byte[] Utf8, string Text)> _kinds = [];

    public SqliteJournalRows(SqliteConnection connection, string nodeId, long afterSequence)
    {
        _connection = connection;
        var db = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(
            db,
            "SELECT sequence, step_time, kind, payload FROM node_journal WHERE node_id = ?1 AND sequence > ?2 ORDER BY sequence;",
            out _statement));
        try
        {
            Check(raw.sqlite3_bind_text(_statement, 1, nodeId));
            Check(raw.sqlite3_bind_int64(_statement, 2, afterSequence));
        }
        catch
        {
            _statement.Dispose();
            throw;
        }
    }

    /// <summary>Steps to the next entry; false after the last.</summary>
    public bool MoveNext()
    {
        var result = raw.sqlite3_step(_statement);
        if (result == raw.SQLITE_ROW)
        {
            return true;
        }

        if (result != raw.SQLITE_DONE)
        {
            Check(result);
        }

        return false;
    }

    /// <summary>The entry the last <see cref="MoveNext"/> stepped to.</summary>
    public JournalRecord Current => new(
        raw.sqlite3_column_int64(_statement, 0),
        StoredMicroseconds.ToTime(raw.sqlite3_column_int64(_statement, 1)),
        Kind(raw.sqlite3_column_blob(_statement, 2)),
        raw.sqlite3_column_blob(_statement, 3).ToArray());

    public void Dispose() => _statement.Dispose();

    private string Kind(ReadOnlySpan<byte> utf8)
    {
        foreach (var (known, text) in _kinds)
        {
            if (utf8.SequenceEqual(known))
            {
                return text;
            }
        }

        var kind = Encoding.UTF8.GetString(utf8);
        if (_kinds.Count < MaxKnownKinds)
        {
            _kinds.Add((utf8.ToArray(), kind));
        }

        return kind;
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, _connection.Handle);
        }
    }
}
