using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Trading.Server.Tests;

/// <summary>Writes bars straight into a SQLite store's tables, past every check an importer or a store makes: what
/// a store may hold however it got there (an old version, another tool, a hand edit).</summary>
internal static class StoredBars
{
    public static void Write(string databasePath, string symbol, IEnumerable<(DateOnly Date, double Open, double High, double Low, double Close, double Volume)> bars)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var bar in bars)
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT OR REPLACE INTO bars (symbol, interval, time, open, high, low, close, volume) VALUES ($s, '1d', $t, $o, $h, $l, $c, $v);";
            insert.Parameters.AddWithValue("$s", symbol);
            insert.Parameters.AddWithValue("$t", new DateTimeOffset(bar.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds());
            insert.Parameters.AddWithValue("$o", bar.Open);
            insert.Parameters.AddWithValue("$h", bar.High);
            insert.Parameters.AddWithValue("$l", bar.Low);
            insert.Parameters.AddWithValue("$c", bar.Close);
            insert.Parameters.AddWithValue("$v", bar.Volume);
            insert.ExecuteNonQuery();
        }

        using var summary = connection.CreateCommand();
        summary.Transaction = transaction;
        summary.CommandText = """
            INSERT OR REPLACE INTO series (symbol, interval, first_time, last_time, bar_count)
            SELECT symbol, interval, min(time), max(time), count(*) FROM bars WHERE symbol = $s AND interval = '1d' GROUP BY symbol, interval;
            """;
        summary.Parameters.AddWithValue("$s", symbol);
        summary.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary><paramref name="count"/> weekday bars from <paramref name="first"/> swinging 30% either side of
    /// <paramref name="level"/> (so that every strategy trades), each bar's range its open to its close.</summary>
    public static IEnumerable<(DateOnly Date, double Open, double High, double Low, double Close, double Volume)> Swinging(DateOnly first, int count, double level)
    {
        var day = first;
        for (var i = 0; i < count; i++)
        {
            while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                day = day.AddDays(1);
            }

            var open = level * (1 + (0.3 * Math.Sin(i / 5.0)));
            var close = level * (1 + (0.3 * Math.Sin((i + 0.5) / 5.0)));
            yield return (day, open, Math.Max(open, close), Math.Min(open, close), close, 1_000_000);
            day = day.AddDays(1);
        }
    }

    /// <summary><paramref name="count"/> weekday bars from <paramref name="first"/> with every price <paramref name="price"/>.</summary>
    public static IEnumerable<(DateOnly Date, double Open, double High, double Low, double Close, double Volume)> Flat(DateOnly first, int count, double price, double volume = 1_000) =>
        Swinging(first, count, 1).Select(b => (b.Date, price, price, price, price, volume));

    public static string Text(double value) => value.ToString("G", CultureInfo.InvariantCulture);
}
