using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Trading.Domain;

namespace Trading.Server.Data;

/// <summary>The original's JSON for one series, <c>{"symbol", "data_points": [{"date", "open", "high", "low",
/// "close", "volume"}]}</c>, serialised once per cached series and then served as bytes.</summary>
/// <remarks>Keyed by the series instance: the store's cache hands out the same instance until a write replaces it,
/// so a cache hit costs a table lookup, and new data gets new bytes with no invalidation of our own. That holds for a
/// write by any process: the cache retires an instance when it finds another process's write to its symbol
/// (<see cref="Trading.Data.Caching.CachedMarketDataStore"/>), and bytes are never looked up but through the instance
/// the cache just handed out. The table holds its entries weakly, so bytes leave memory with the series they were
/// made from.</remarks>
internal sealed class StockJson
{
    private readonly ConditionalWeakTable<BarSeries, byte[]> _bytes = new();

    /// <summary>UTF-8 JSON of <paramref name="series"/>, made at most once per instance.</summary>
    public byte[] Of(BarSeries series) => _bytes.GetValue(series, static s => Serialize(s));

    public static byte[] Serialize(BarSeries series)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (series.Count * 110));
        using (var json = new Utf8JsonWriter(buffer))
        {
            Write(json, series);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(Utf8JsonWriter json, BarSeries series)
    {
        json.WriteStartObject();
        json.WriteString("symbol", series.Symbol.Value);
        json.WriteStartArray("data_points");
        var time = series.Time;
        var open = series.Open;
        var high = series.High;
        var low = series.Low;
        var close = series.Close;
        var volume = series.Volume;
        Span<char> date = stackalloc char[20];
        for (var i = 0; i < series.Count; i++)
        {
            json.WriteStartObject();
            json.WriteString("date", FormatTime(time[i], series.Interval, date));
            json.WriteNumber("open", open[i]);
            json.WriteNumber("high", high[i]);
            json.WriteNumber("low", low[i]);
            json.WriteNumber("close", close[i]);
            json.WriteNumber("volume", volume[i]);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>As <see cref="Interval.Format"/> writes it (yyyy-MM-dd, or ISO-8601 UTC for intraday bars), without
    /// a string per bar.</summary>
    private static ReadOnlySpan<char> FormatTime(DateTime time, Interval interval, Span<char> destination)
    {
        var format = interval.IsIntraday ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd";
        return time.TryFormat(destination, out var written, format, System.Globalization.CultureInfo.InvariantCulture)
            ? destination[..written]
            : interval.Format(time);
    }
}
