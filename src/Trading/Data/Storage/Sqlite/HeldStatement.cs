using SQLitePCL;

namespace Trading.Data.Storage.Sqlite;

/// <summary>A prepared statement held for a loop of direct calls (<see cref="SqliteNative"/>): its handle referenced
/// so it cannot be freed meanwhile, and its connection's mutex entered once.</summary>
/// <remarks>SQLite enters the connection's (recursive) mutex on every call, an atomic lock and unlock each time; with
/// the mutex already held by this thread each of those is a counter. SQLite holds the same mutex for the whole of a
/// step anyway, and a connection is used by one thread at a time.</remarks>
internal ref struct HeldStatement
{
    private readonly sqlite3_stmt _statement;
    private readonly nint _mutex;
    private bool _referenced;

    public HeldStatement(sqlite3 connection, sqlite3_stmt statement)
    {
        _statement = statement;
        statement.DangerousAddRef(ref _referenced);
        Handle = statement.DangerousGetHandle();
        _mutex = SqliteNative.sqlite3_db_mutex(connection.DangerousGetHandle());
        SqliteNative.sqlite3_mutex_enter(_mutex);
    }

    /// <summary>The statement's pointer, valid until <see cref="Dispose"/>.</summary>
    public nint Handle { get; }

    public void Dispose()
    {
        if (!_referenced)
        {
            return;
        }

        SqliteNative.sqlite3_mutex_leave(_mutex);
        _statement.DangerousRelease();
        _referenced = false;
    }
}
