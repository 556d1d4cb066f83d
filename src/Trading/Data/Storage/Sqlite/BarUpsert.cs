using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Trading.Domain;

namespace Trading.Data.Storage.Sqlite;

/// <summary>Writes the bars of a series with prepared upserts whose parameters are re-bound for each group of rows.</summary>
/// <remarks>
/// Each execution of a statement through the driver costs far more than binding its values, so full groups of
/// <see cref="RowsPerStatement"/> bars go through one multi-row statement and the remainder through a single-row one;
/// this roughly doubles the bulk insert rate over one statement per bar. The symbol and interval are bound once per
/// series. Both statements are prepared once per batch.
/// </remarks>
internal sealed class BarUpsert : IDisposable
{
    public const int RowsPerStatement = 64;
    private const int RowsBetweenCancellationChecks = 4096;
    private const int ValuesPerRow = 6;

    private readonly SqliteCommand _group;
    private readonly SqliteParameter[] _groupValues;
    private readonly SqliteCommand _single;
    private readonly SqliteParameter[] _singleValues;

    public BarUpsert(SqliteConnection connection, SqliteTransaction transaction)
    {
        (_group, _groupValues) = Prepare(connection, transaction, RowsPerStatement);
        (_single, _singleValues) = Prepare(connection, transaction, 1);
    }

    /// <summary>Upserts every bar of <paramref name="series"/>; refuses a bar whose prices or volume are not finite.</summary>
    public void Write(BarSeries series, CancellationToken cancellationToken)
    {
        _group.Parameters[0].Value = series.Symbol.Value;
        _group.Parameters[1].Value = series.Interval.Code;
        _single.Parameters[0].Value = series.Symbol.Value;
        _single.Parameters[1].Value = series.Interval.Code;

        var i = 0;
        var sinceCheck = 0;
        for (; i + RowsPerStatement <= series.Count; i += RowsPerStatement)
        {
            for (var row = 0; row < RowsPerStatement; row++)
            {
                Bind(_groupValues, row, series, i + row);
            }

            _group.ExecuteNonQuery();
            sinceCheck += RowsPerStatement;
            if (sinceCheck >= RowsBetweenCancellationChecks)
            {
                cancellationToken.ThrowIfCancellationRequested();
                sinceCheck = 0;
            }
        }

        for (; i < series.Count; i++)
        {
            Bind(_singleValues, 0, series, i);
            _single.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        _group.Dispose();
        _single.Dispose();
    }

    private static void Bind(SqliteParameter[] values, int row, BarSeries series, int index)
    {
        var open = series.Open[index];
        var high = series.High[index];
        var low = series.Low[index];
        var close = series.Close[index];
        var volume = series.Volume[index];

        // SQLite would store NaN as NULL and infinities as REAL; neither is a price. Refusing mid-batch rolls the
        // whole batch back.
        if (!double.IsFinite(open) || !double.IsFinite(high) || !double.IsFinite(low) || !double.IsFinite(close) ||
            !double.IsFinite(volume))
        {
            throw new ArgumentException(
                $"Cannot store the {series.Symbol} {series.Interval} bar at {series.Time[index]:O}: a price or the volume " +
                "is not a finite number. Nothing of the batch was stored.",
                nameof(series));
        }

        var at = row * ValuesPerRow;
        values[at].Value = StoredTime.FromBarTime(series.Time[index], series.Symbol, series.Interval);
        values[at + 1].Value = open;
        values[at + 2].Value = high;
        values[at + 3].Value = low;
        values[at + 4].Value = close;
        values[at + 5].Value = volume;
    }

    private static (SqliteCommand Command, SqliteParameter[] Values) Prepare(
        SqliteConnection connection,
        SqliteTransaction transaction,
        int rows)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.Add("$symbol", SqliteType.Text);
        command.Parameters.Add("$interval", SqliteType.Text);
        var values = new SqliteParameter[rows * ValuesPerRow];
        var sql = new StringBuilder("INSERT INTO bars (symbol, interval, time, open, high, low, close, volume) VALUES ");
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "" : ", ")
                .Append(CultureInfo.InvariantCulture, $"($symbol, $interval, $t{row}, $o{row}, $h{row}, $l{row}, $c{row}, $v{row})");
            var at = row * ValuesPerRow;
            values[at] = command.Parameters.Add($"$t{row}", SqliteType.Integer);
            values[at + 1] = command.Parameters.Add($"$o{row}", SqliteType.Real);
            values[at + 2] = command.Parameters.Add($"$h{row}", SqliteType.Real);
            values[at + 3] = command.Parameters.Add($"$l{row}", SqliteType.Real);
            values[at + 4] = command.Parameters.Add($"$c{row}", SqliteType.Real);
            values[at + 5] = command.Parameters.Add($"$v{row}", SqliteType.Real);
        }

        sql.Append("""
             ON CONFLICT (symbol, interval, time) DO UPDATE SET
                open = excluded.open, high = excluded.high, low = excluded.low,
                close = excluded.close, volume = excluded.volume;
            """);
        command.CommandText = sql.ToString();
        command.Prepare();
        return (command, values);
    }
}
