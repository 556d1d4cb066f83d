using Microsoft.Data.Sqlite;
using Trading.Domain;

namespace Trading.Data.Storage.Sqlite;

/// <summary>Keeps the <c>series</c> table (first, last, count per symbol and interval) in step with a write.</summary>
/// <remarks>
/// An upsert does not say whether it inserted or replaced, so the bars a write adds are counted as the difference of
/// the rows inside the written time range after and before the write. That walks only the written range, not the
/// whole series, so appending a day to a million-bar series stays cheap.
/// </remarks>
internal sealed class SeriesSummaryUpdate : IDisposable
{
    private readonly SqliteCommand _count;
    private readonly SqliteCommand _merge;

    public SeriesSummaryUpdate(SqliteConnection connection, SqliteTransaction transaction)
    {
        _count = connection.CreateCommand();
        _count.Transaction = transaction;
        _count.CommandText = """
            SELECT count(*) FROM bars
            WHERE symbol = $symbol AND interval = $interval AND time BETWEEN $first AND $last;
            """;
        _count.Parameters.Add("$symbol", SqliteType.Text);
        _count.Parameters.Add("$interval", SqliteType.Text);
        _count.Parameters.Add("$first", SqliteType.Integer);
        _count.Parameters.Add("$last", SqliteType.Integer);

        _merge = connection.CreateCommand();
        _merge.Transaction = transaction;
        _merge.CommandText = """
            INSERT INTO series (symbol, interval, first_time, last_time, bar_count)
            VALUES ($symbol, $interval, $first, $last, $added)
            ON CONFLICT (symbol, interval) DO UPDATE SET
                first_time = min(first_time, excluded.first_time),
                last_time = max(last_time, excluded.last_time),
                bar_count = bar_count + excluded.bar_count;
            """;
        _merge.Parameters.Add("$symbol", SqliteType.Text);
        _merge.Parameters.Add("$interval", SqliteType.Text);
        _merge.Parameters.Add("$first", SqliteType.Integer);
        _merge.Parameters.Add("$last", SqliteType.Integer);
        _merge.Parameters.Add("$added", SqliteType.Integer);
    }

    public long CountRange(Symbol symbol, Interval interval, long first, long last)
    {
        _count.Parameters[0].Value = symbol.Value;
        _count.Parameters[1].Value = interval.Code;
        _count.Parameters[2].Value = first;
        _count.Parameters[3].Value = last;
        return (long)_count.ExecuteScalar()!;
    }

    /// <summary>Widens the series' range to include [first, last] and adds the bars that were new.</summary>
    public void Merge(Symbol symbol, Interval interval, long first, long last, long added)
    {
        _merge.Parameters[0].Value = symbol.Value;
        _merge.Parameters[1].Value = interval.Code;
        _merge.Parameters[2].Value = first;
        _merge.Parameters[3].Value = last;
        _merge.Parameters[4].Value = added;
        _merge.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _count.Dispose();
        _merge.Dispose();
    }
}
