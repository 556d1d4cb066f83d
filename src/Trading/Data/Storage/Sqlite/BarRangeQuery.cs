using Microsoft.Data.Sqlite;
using SQLitePCL;
using Trading.Domain;

namespace Trading.Data.Storage.Sqlite;

/// <summary>Reads one series' bars in a time range straight into column arrays.</summary>
/// <remarks>This hot path steps the statement on the driver's connection and reads each value with one direct native
/// call (<see cref="SqliteNative"/>), without the driver's per-column type checks.</remarks>
internal static class BarRangeQuery
{
    private const int RowsBetweenCancellationChecks = 4096;

    private const string Sql = """
        SELECT time, open, high, low, close, volume FROM bars
        WHERE symbol = ?1 AND interval = ?2 AND time BETWEEN ?3 AND ?4
        ORDER BY time;
        """;

    /// <summary>Appends the bars with <paramref name="lower"/> &lt;= time &lt;= <paramref name="upper"/> (stored
    /// times), in time order.</summary>
    public static void ReadInto(
        SqliteConnection connection,
        Symbol symbol,
        Interval interval,
        long lower,
        long upper,
        BarSeriesBuilder columns,
        CancellationToken cancellationToken)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(db, raw.sqlite3_prepare_v2(db, Sql, out var statement));
        using (statement)
        {
            Check(db, raw.sqlite3_bind_text(statement, 1, symbol.Value));
            Check(db, raw.sqlite3_bind_text(statement, 2, interval.Code));
            Check(db, raw.sqlite3_bind_int64(statement, 3, lower));
            Check(db, raw.sqlite3_bind_int64(statement, 4, upper));
            int step;
            using (var held = new HeldStatement(db, statement))
            {
                var handle = held.Handle;
                while ((step = SqliteNative.sqlite3_step(handle)) == raw.SQLITE_ROW)
                {
                    if (columns.Count % RowsBetweenCancellationChecks == RowsBetweenCancellationChecks - 1)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    columns.Add(
                        StoredTime.ToBarTime(SqliteNative.sqlite3_column_int64(handle, 0)),
                        SqliteNative.sqlite3_column_double(handle, 1),
                        SqliteNative.sqlite3_column_double(handle, 2),
                        SqliteNative.sqlite3_column_double(handle, 3),
                        SqliteNative.sqlite3_column_double(handle, 4),
                        SqliteNative.sqlite3_column_double(handle, 5));
                }
            }

            if (step != raw.SQLITE_DONE)
            {
                Check(db, step);
            }
        }
    }

    /// <summary>Raises SQLite's error the way the driver does, so callers handle one exception type.</summary>
    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, db);
        }
    }
}
