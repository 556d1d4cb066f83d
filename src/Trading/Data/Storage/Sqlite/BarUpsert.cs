using Microsoft.Data.Sqlite;
using SQLitePCL;
using Trading.Domain;

namespace Trading.Data.Storage.Sqlite;

/// <summary>Writes bars with one prepared upsert whose parameters are re-bound for each row.</summary>
/// <remarks>
/// <para>This is the bulk path, so it drives the prepared statement through SQLitePCL (the layer under
/// Microsoft.Data.Sqlite, on the same connection and transaction) with parameters bound by position. Through
/// <see cref="SqliteCommand"/> every execution looks each parameter up by name and boxes each value, about 1 KB of
/// garbage and most of the time per bar; here a row costs a few native calls and allocates nothing.</para>
/// <para>Multi-row VALUES lists were measured through the driver and rejected: SQLite finds a parameter name by
/// scanning the statement's parameters, so binding grows with the square of the rows per statement.</para>
/// </remarks>
internal sealed class BarUpsert : IDisposable
{
    private const int RowsBetweenCancellationChecks = 4096;

    private const string Sql = """
        INSERT INTO bars (symbol, interval, time, open, high, low, close, volume)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
        ON CONFLICT (symbol, interval, time) DO UPDATE SET
            open = excluded.open, high = excluded.high, low = excluded.low,
            close = excluded.close, volume = excluded.volume;
        """;

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public BarUpsert(SqliteConnection connection)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v2(_db, Sql, out _statement));
    }

    /// <summary>Upserts every bar of <paramref name="series"/>; refuses a bar that breaks the <see cref="BarRule"/>.</summary>
    public void Write(BarSeries series, CancellationToken cancellationToken)
    {
        Check(raw.sqlite3_bind_text(_statement, 1, series.Symbol.Value));
        Check(raw.sqlite3_bind_text(_statement, 2, series.Interval.Code));
        var time = series.Time;
        var open = series.Open;
        var high = series.High;
        var low = series.Low;
        var close = series.Close;
        var volume = series.Volume;
        for (var i = 0; i < series.Count; i++)
        {
            if (i % RowsBetweenCancellationChecks == RowsBetweenCancellationChecks - 1)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            // Whoever calls, no bar breaking the rule is stored; refusing mid-batch rolls the whole batch back.
            if (BarRule.Problem(time[i], open[i], high[i], low[i], close[i], volume[i]) is { } problem)
            {
                throw new InvalidBarException(series.Symbol, series.Interval, time[i], problem);
            }

            Check(raw.sqlite3_bind_int64(_statement, 3, StoredTime.FromBarTime(time[i], series.Symbol, series.Interval)));
            Check(raw.sqlite3_bind_double(_statement, 4, open[i]));
            Check(raw.sqlite3_bind_double(_statement, 5, high[i]));
            Check(raw.sqlite3_bind_double(_statement, 6, low[i]));
            Check(raw.sqlite3_bind_double(_statement, 7, close[i]));
            Check(raw.sqlite3_bind_double(_statement, 8, volume[i]));
            var step = raw.sqlite3_step(_statement);

            // Reset whatever the outcome, so the statement stays usable; a failure's message stays on the connection.
            raw.sqlite3_reset(_statement);
            if (step != raw.SQLITE_DONE)
            {
                Check(step);
            }
        }
    }

    public void Dispose() => _statement.Dispose();

    /// <summary>Raises SQLite's error the way the driver does, so callers handle one exception type.</summary>
    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
