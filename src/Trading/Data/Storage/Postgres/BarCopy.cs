using Npgsql;
using NpgsqlTypes;
using Trading.Domain;

namespace Trading.Data.Storage.Postgres;

/// <summary>The bulk write: bars go to a temporary table through binary COPY, then one statement upserts them into
/// <c>bars</c> and folds what it inserted into <c>series</c>.</summary>
/// <remarks>
/// <para>COPY cannot upsert, and row-by-row INSERTs cost a round trip (or a parse and bind) per bar; COPY into a
/// transaction-local table then one set-based <c>INSERT ... ON CONFLICT</c> does both in two round trips whatever the
/// batch's size.</para>
/// <para>The upsert tells new bars from replaced ones by the row's <c>xmax</c>: PostgreSQL leaves it 0 on a row the
/// statement inserted and sets it on one that ON CONFLICT updated (it locks the row first). Unlike counting the
/// existing keys beforehand, this stays exact when two writers insert the same new bar at once: the second one
/// waits for the first, then updates, and counts nothing.</para>
/// <para>Rows are upserted in key order, series rows too, so concurrent writers lock rows in the same order and do
/// not deadlock each other.</para>
/// </remarks>
internal static class BarCopy
{
    private const int RowsBetweenCancellationChecks = 4096;

    private const string CreateIncoming = """
        CREATE TEMPORARY TABLE incoming_bars (
            symbol   text COLLATE "C" NOT NULL,
            interval text COLLATE "C" NOT NULL,
            time     timestamptz      NOT NULL,
            open     double precision NOT NULL,
            high     double precision NOT NULL,
            low      double precision NOT NULL,
            close    double precision NOT NULL,
            volume   double precision NOT NULL
        ) ON COMMIT DROP;
        """;

    private const string Copy =
        "COPY incoming_bars (symbol, interval, time, open, high, low, close, volume) FROM STDIN (FORMAT BINARY)";

    private const string Merge = """
        WITH written AS (
            INSERT INTO bars AS b (symbol, interval, time, open, high, low, close, volume)
            SELECT symbol, interval, time, open, high, low, close, volume FROM incoming_bars
            ORDER BY symbol, interval, time
            ON CONFLICT (symbol, interval, time) DO UPDATE SET
                open = excluded.open, high = excluded.high, low = excluded.low,
                close = excluded.close, volume = excluded.volume
            RETURNING b.symbol, b.interval, b.time, (b.xmax = 0) AS inserted
        )
        INSERT INTO series AS s (symbol, interval, first_time, last_time, bar_count)
        SELECT symbol, interval, min(time), max(time), count(*) FILTER (WHERE inserted)
        FROM written
        GROUP BY symbol, interval
        ORDER BY symbol, interval
        ON CONFLICT (symbol, interval) DO UPDATE SET
            first_time = least(s.first_time, excluded.first_time),
            last_time = greatest(s.last_time, excluded.last_time),
            bar_count = s.bar_count + excluded.bar_count;
        """;

    /// <summary>Upserts every bar of <paramref name="seriesList"/> (checked, each series once) inside the
    /// connection's open transaction.</summary>
    public static async Task WriteAsync(NpgsqlConnection connection, IReadOnlyList<BarSeries> seriesList, CancellationToken cancellationToken)
    {
        if (seriesList.Count == 0)
        {
            return;
        }

        await using (var create = new NpgsqlCommand(CreateIncoming, connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // Disposing the importer before Complete cancels the COPY: a failure or cancellation here sends nothing.
        await using (var importer = await connection.BeginBinaryImportAsync(Copy, cancellationToken).ConfigureAwait(false))
        {
            for (var s = 0; s < seriesList.Count; s++)
            {
                await CopySeriesAsync(importer, seriesList[s], cancellationToken).ConfigureAwait(false);
            }

            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var merge = new NpgsqlCommand(Merge, connection);
        await merge.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task CopySeriesAsync(NpgsqlBinaryImporter importer, BarSeries series, CancellationToken cancellationToken)
    {
        var symbol = series.Symbol.Value;
        var interval = series.Interval.Code;
        for (var i = 0; i < series.Count; i++)
        {
            if (i % RowsBetweenCancellationChecks == RowsBetweenCancellationChecks - 1)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            // The columns are fetched again for each row: a span cannot live across an await.
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(symbol, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(interval, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(series.Time[i], NpgsqlDbType.TimestampTz, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(series.Open[i], NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(series.High[i], NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(series.Low[i], NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(series.Close[i], NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(series.Volume[i], NpgsqlDbType.Double, cancellationToken).ConfigureAwait(false);
        }
    }
}
