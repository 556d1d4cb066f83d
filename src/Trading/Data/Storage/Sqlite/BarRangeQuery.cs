using Microsoft.Data.Sqlite;
using SQLitePCL;
using Trading.Domain;

namespace Trading.Data.Storage.Sqlite;

/// <summary>Reads one series' bars in a time range straight into column arrays.</summary>
/// <remarks>Like <see cref="BarUpsert"/>, this hot path steps the statement through SQLitePCL on the driver's
/// connection: each value is one native call, without the driver's per-column type checks.</remarks>
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
            while ((step = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                if (columns.Count % RowsBetweenCancellationChecks == RowsBetweenCancellationChecks - 1)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                columns.Add(
                    StoredTime.ToBarTime(raw.sqlite3_column_int64(statement, 0)),
                    raw.sqlite3_column_double(statement, 1),
                    raw.sqlite3_column_double(statement, 2),
                    raw.sqlite3_column_double(statement, 3),
                    raw.sqlite3_column_double(statement, 4),
                    raw.sqlite3_column_double(statement, 5));
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
