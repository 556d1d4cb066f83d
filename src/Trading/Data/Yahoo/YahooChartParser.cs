using System.Globalization;
using System.Text.Json;
using Trading.Domain;

namespace Trading.Data.Yahoo;

/// <summary>Reads the v8 chart JSON (<c>{"chart":{"result":[...],"error":null}}</c>) into a <see cref="YahooChart"/>.</summary>
/// <remarks>
/// Throws <see cref="FormatException"/> when the body does not have the shape; the provider turns that into
/// <see cref="MarketDataUnavailableException"/>. Yahoo omits <c>timestamp</c> and sends an empty quote when the
/// range holds no bars, writes null for halted or missing bars, and sends no adjclose for intraday intervals.
/// </remarks>
internal static class YahooChartParser
{
    /// <summary>The code and description of a <c>chart.error</c> body, or null when the body carries no error.</summary>
    public static (string Code, string Description)? ReadError(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("chart", out var chart)
            || chart.ValueKind != JsonValueKind.Object
            || !chart.TryGetProperty("error", out var error)
            || error.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return (StringOrEmpty(error, "code"), StringOrEmpty(error, "description"));
    }

    public static YahooChart Parse(JsonElement root, Symbol symbol, Interval interval)
    {
        var chart = Property(root, "chart", JsonValueKind.Object);
        var results = Property(chart, "result", JsonValueKind.Array);
        if (results.GetArrayLength() == 0)
        {
            throw new FormatException("chart.result is empty.");
        }

        var result = results[0];
        var meta = Property(result, "meta", JsonValueKind.Object);
        var zoneName = OptionalString(meta, "exchangeTimezoneName");
        var gmtOffset = meta.TryGetProperty("gmtoffset", out var offset) && offset.ValueKind == JsonValueKind.Number ? offset.GetInt32() : 0;
        var exchange = ExchangeClock.From(zoneName, gmtOffset);
        var currency = OptionalString(meta, "currency");

        var (bars, adjustedClose, skipped) = ReadBars(result, symbol, interval, exchange);
        var actions = ReadActions(result, symbol, exchange);
        return new YahooChart(bars, adjustedClose, actions, skipped, currency, zoneName, exchange);
    }

    private static (BarSeries Bars, double[] AdjustedClose, DateTime[] Skipped) ReadBars(
        JsonElement result, Symbol symbol, Interval interval, ExchangeClock exchange)
    {
        if (!result.TryGetProperty("timestamp", out var timestamps) || timestamps.ValueKind == JsonValueKind.Null)
        {
            return (BarSeries.Empty(symbol, interval), [], []);
        }

        if (timestamps.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("chart.result[0].timestamp is not an array.");
        }

        var n = timestamps.GetArrayLength();
        var indicators = Property(result, "indicators", JsonValueKind.Object);
        var quotes = Property(indicators, "quote", JsonValueKind.Array);
        if (quotes.GetArrayLength() == 0)
        {
            throw new FormatException("chart.result[0].indicators.quote is empty.");
        }

        var quote = quotes[0];
        var open = Column(quote, "open", n);
        var high = Column(quote, "high", n);
        var low = Column(quote, "low", n);
        var close = Column(quote, "close", n);
        var volume = Column(quote, "volume", n);
        JsonElement? adjusted = null;
        if (indicators.TryGetProperty("adjclose", out var adjcloses) && adjcloses.ValueKind == JsonValueKind.Array
            && adjcloses.GetArrayLength() > 0)
        {
            adjusted = Column(adjcloses[0], "adjclose", n);
        }

        var time = new List<DateTime>(n);
        var o = new List<double>(n);
        var h = new List<double>(n);
        var l = new List<double>(n);
        var c = new List<double>(n);
        var v = new List<double>(n);
        var a = new List<double>(n);
        var skipped = new List<DateTime>();
        for (var i = 0; i < n; i++)
        {
            var stamp = Stamp(timestamps[i], interval, exchange);
            var prices = (Number(open[i]), Number(high[i]), Number(low[i]), Number(close[i]));
            if (prices is not ({ } po, { } ph, { } pl, { } pc))
            {
                skipped.Add(stamp);
                continue;
            }

            // Yahoo sometimes repeats the latest session as a live row with its own timestamp; the later row is
            // the fresher, and a series must not hold two bars with one stamp.
            if (time.Count > 0 && time[^1] == stamp)
            {
                Drop(time, o, h, l, c, v, a);
            }
            else if (time.Count > 0 && time[^1] > stamp)
            {
                throw new FormatException($"Timestamps go backwards at row {i}: {stamp:O} after {time[^1]:O}.");
            }

            time.Add(stamp);
            o.Add(po);
            h.Add(ph);
            l.Add(pl);
            c.Add(pc);
            v.Add(Number(volume[i]) ?? 0);
            a.Add(adjusted is { } adj ? Number(adj[i]) ?? double.NaN : double.NaN);
        }

        if (time.Count >= 2 && InSamePeriod(time[^2], time[^1], interval))
        {
            // While the market is open Yahoo sends today's trading as a row of its own after the row of the
            // current week or month; the two are one bar: the period's open, the wider range, today's close, both
            // volumes.
            h[^2] = Math.Max(h[^2], h[^1]);
            l[^2] = Math.Min(l[^2], l[^1]);
            c[^2] = c[^1];
            v[^2] += v[^1];
            a[^2] = a[^1];
            Drop(time, o, h, l, c, v, a);
        }

        var bars = new BarSeries(symbol, interval, [.. time], [.. o], [.. h], [.. l], [.. c], [.. v]);
        return (bars, [.. a], [.. skipped]);
    }

    private static bool InSamePeriod(DateTime start, DateTime later, Interval interval) =>
        interval == Interval.Weekly ? later < start.AddDays(7)
        : interval == Interval.Monthly && later.Year == start.Year && later.Month == start.Month;

    private static void Drop(List<DateTime> time, params List<double>[] columns)
    {
        time.RemoveAt(time.Count - 1);
        foreach (var column in columns)
        {
            column.RemoveAt(column.Count - 1);
        }
    }

    private static List<CorporateAction> ReadActions(JsonElement result, Symbol symbol, ExchangeClock exchange)
    {
        var actions = new List<CorporateAction>();
        if (!result.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Object)
        {
            return actions;
        }

        if (events.TryGetProperty("dividends", out var dividends) && dividends.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in dividends.EnumerateObject())
            {
                var exDate = EventDate(entry, exchange);
                var amount = Decimal(entry.Value, "amount", entry.Name);
                if (amount > 0)
                {
                    actions.Add(CorporateAction.CashDividend(symbol, exDate, amount));
                }
            }
        }

        if (events.TryGetProperty("splits", out var splits) && splits.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in splits.EnumerateObject())
            {
                var exDate = EventDate(entry, exchange);
                var numerator = Decimal(entry.Value, "numerator", entry.Name);
                var denominator = Decimal(entry.Value, "denominator", entry.Name);
                if (numerator <= 0 || denominator <= 0)
                {
                    throw new FormatException($"Split {entry.Name} has ratio {numerator}:{denominator}.");
                }

                actions.Add(CorporateAction.Split(symbol, exDate, numerator, denominator));
            }
        }

        actions.Sort((x, y) => x.ExDate.CompareTo(y.ExDate) is var byDate and not 0 ? byDate : x.Kind.CompareTo(y.Kind));
        return actions;
    }

    /// <summary>Intraday bars keep their UTC start; daily and longer ones become the local session date at 00:00 UTC.</summary>
    private static DateTime Stamp(JsonElement timestamp, Interval interval, ExchangeClock exchange)
    {
        if (timestamp.ValueKind != JsonValueKind.Number || !timestamp.TryGetInt64(out var seconds))
        {
            throw new FormatException($"A timestamp is {timestamp.ValueKind}, not a whole number of seconds.");
        }

        var utc = DateTime.UnixEpoch.AddSeconds(seconds);
        return interval.IsIntraday
            ? utc
            : exchange.SessionDate(utc).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    }

    private static DateOnly EventDate(JsonProperty entry, ExchangeClock exchange)
    {
        // The key is the timestamp too; "date" is the documented field, the key the fallback.
        long seconds;
        if (entry.Value.ValueKind == JsonValueKind.Object && entry.Value.TryGetProperty("date", out var date)
            && date.ValueKind == JsonValueKind.Number && date.TryGetInt64(out var fromField))
        {
            seconds = fromField;
        }
        else if (!long.TryParse(entry.Name, NumberStyles.Integer, CultureInfo.InvariantCulture, out seconds))
        {
            throw new FormatException($"Event '{entry.Name}' has no date.");
        }

        return exchange.SessionDate(DateTime.UnixEpoch.AddSeconds(seconds));
    }

    private static decimal Decimal(JsonElement element, string name, string eventKey)
    {
        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var value)
            || value.ValueKind != JsonValueKind.Number)
        {
            throw new FormatException($"Event {eventKey} has no numeric '{name}'.");
        }

        // Reading the JSON text as decimal keeps 0.56 exact, where a double would carry 0.56000000000000005.
        return value.TryGetDecimal(out var exact) ? exact : (decimal)value.GetDouble();
    }

    private static JsonElement Column(JsonElement quote, string name, int length)
    {
        var column = Property(quote, name, JsonValueKind.Array);
        if (column.GetArrayLength() != length)
        {
            throw new FormatException($"Column '{name}' has {column.GetArrayLength()} values for {length} timestamps.");
        }

        return column;
    }

    private static double? Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.Null => null,
        _ => throw new FormatException($"A price or volume is {value.ValueKind}, not a number or null."),
    };

    private static JsonElement Property(JsonElement parent, string name, JsonValueKind kind)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value))
        {
            throw new FormatException($"'{name}' is missing.");
        }

        if (value.ValueKind != kind)
        {
            throw new FormatException($"'{name}' is {value.ValueKind}, expected {kind}.");
        }

        return value;
    }

    private static string? OptionalString(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string StringOrEmpty(JsonElement parent, string name) => OptionalString(parent, name) ?? string.Empty;
}
