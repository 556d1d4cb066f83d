using System.IO.Compression;
using System.Text;
using Trading.Backtesting;
using Trading.Backtesting.Reports;

namespace Trading.Server.Backtests;

/// <summary>A finished backtest as the server keeps it: its JSON and HTML reports, gzip-compressed, exactly as the
/// routes serve them. The run's own objects are dropped.</summary>
/// <remarks>A run with many orders is about 75 MB of objects and 61 MB of JSON (sma_cross 1/2 over the synthetic
/// market, 160,000 fills); compressed it keeps 5 MB. The JSON lists at most <c>rows</c> of each kind of row, so one
/// result stays bounded however long the run; the HTML report already shows only the ends of its tables.</remarks>
internal sealed class KeptResult
{
    private KeptResult(byte[] json, byte[] html, decimal finalEquity)
    {
        Json = json;
        Html = html;
        FinalEquity = finalEquity;
    }

    /// <summary>The JSON report, gzip-compressed.</summary>
    public byte[] Json { get; }

    /// <summary>The HTML report (UTF-8), gzip-compressed.</summary>
    public byte[] Html { get; }

    public decimal FinalEquity { get; }

    /// <summary>What keeping it costs: the compressed reports.</summary>
    public long Bytes => Json.LongLength + Html.LongLength;

    public static KeptResult Of(BacktestResult result, int rows)
    {
        ArgumentNullException.ThrowIfNull(result);
        var json = Compressed(stream => JsonReport.Write(Listed(result, rows), stream, indented: false));
        var html = Compressed(stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
            HtmlReport.Write(result, writer);
        });
        return new KeptResult(json, html, result.FinalEquity);
    }

    /// <summary>The result with at most <paramref name="rows"/> round trips, fills, orders and rebalances (the first
    /// ones), and a warning that says what was left out; the result itself when nothing was.</summary>
    internal static BacktestResult Listed(BacktestResult result, int rows)
    {
        var cut = new List<string>();
        var listed = result with
        {
            Trades = First(result.Trades, rows, "round trips", cut),
            Fills = First(result.Fills, rows, "fills", cut),
            Orders = First(result.Orders, rows, "orders", cut),
            Rebalances = First(result.Rebalances, rows, "rebalances", cut),
        };
        return cut.Count == 0
            ? result
            : listed with
            {
                Warnings =
                [
                    .. result.Warnings,
                    $"the server keeps the first {rows:N0} rows of each list of this run: {string.Join(", ", cut)} (Server:BacktestResultRows); the metrics count them all, and `trade backtest --json` lists every one",
                ],
            };
    }

    private static IReadOnlyList<T> First<T>(IReadOnlyList<T> rows, int most, string what, List<string> cut)
    {
        if (rows.Count <= most)
        {
            return rows;
        }

        cut.Add($"{most:N0} of {rows.Count:N0} {what}");
        return [.. rows.Take(most)];
    }

    private static byte[] Compressed(Action<Stream> write)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            write(gzip);
        }

        return buffer.ToArray();
    }
}
