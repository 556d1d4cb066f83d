using System.Runtime.InteropServices;

namespace Trading.Data.Storage.Sqlite;

/// <summary>The few SQLite calls made once per value on the hot paths (a bar read, a journal row), called straight on
/// the statement's pointer.</summary>
/// <remarks>SQLitePCL's wrappers pin the statement's safe handle on every call (two interlocked operations) and go
/// through its provider's interface: per value, that cost as much as SQLite's own work. The caller keeps the
/// statement alive (and its handle referenced) around the loop. The same library SQLitePCL loads (the bundled
/// e_sqlite3). A column read or a bind neither blocks nor calls back, so it skips the GC transition; a step may do
/// I/O, so it does not.</remarks>
internal static class SqliteNative
{
    /// <summary>SQLITE_TRANSIENT: SQLite copies a bound value before the call returns, so managed memory need not stay put.</summary>
    public static readonly nint Transient = -1;

    private const string Library = "e_sqlite3";

    [DllImport(Library, ExactSpelling = true)]
    public static extern int sqlite3_step(nint statement);

    [DllImport(Library, ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern nint sqlite3_db_mutex(nint connection);

    [DllImport(Library, ExactSpelling = true)]
    public static extern void sqlite3_mutex_enter(nint mutex);

    [DllImport(Library, ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern void sqlite3_mutex_leave(nint mutex);

    [DllImport(Library, ExactSpelling = true)]
    public static extern int sqlite3_reset(nint statement);

    [DllImport(Library, ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern long sqlite3_column_int64(nint statement, int column);

    [DllImport(Library, ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern double sqlite3_column_double(nint statement, int column);

    [DllImport(Library, ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int sqlite3_bind_int64(nint statement, int index, long value);

    [DllImport(Library, ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int sqlite3_bind_text(nint statement, int index, ref byte utf8, int bytes, nint destructor);

    [DllImport(Library, ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int sqlite3_bind_blob(nint statement, int index, in byte value, int bytes, nint destructor);

    [DllImport(Library, ExactSpelling = true)]
    [SuppressGCTransition]
    public static extern int sqlite3_bind_zeroblob(nint statement, int index, int bytes);
}
