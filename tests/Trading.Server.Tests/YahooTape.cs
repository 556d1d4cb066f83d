using System.Globalization;
using Trading.Tests.Data.Yahoo;

namespace Trading.Server.Tests;

/// <summary>The market a fake Yahoo serves, as a test writes it bar by bar: each request gets the v8 chart JSON of the
/// bars stamped in its <c>period1</c> to <c>period2</c> (a bar still forming included, as Yahoo sends it), or the
/// outage the test has switched on.</summary>
internal sealed class YahooTape
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Symbol, string Interval), SortedDictionary<DateTime, double>> _bars = [];
    private FakeResponse? _outage;

    /// <summary>Answers every bar up to <c>period2</c>, as a server that ignores where the client asked to start.</summary>
    public bool IgnoresPeriodStart { get; init; }

    /// <summary>Sets the bar of <paramref name="symbol"/> at <paramref name="time"/> (UTC start of an intraday bar; the
    /// session date of a daily one): open, high and low around <paramref name="close"/>, so a test tells a forming
    /// bar from its final form by the close.</summary>
    public void Set(string symbol, string interval, DateTime time, double close)
    {
        lock (_lock)
        {
            if (!_bars.TryGetValue((symbol, interval), out var bars))
            {
                bars = [];
                _bars.Add((symbol, interval), bars);
            }

            bars[time] = close;
        }
    }

    /// <summary>Every request is answered with <paramref name="outage"/> until <see cref="Recover"/>.</summary>
    public void Fail(FakeResponse outage)
    {
        lock (_lock)
        {
            _outage = outage;
        }
    }

    public void Recover()
    {
        lock (_lock)
        {
            _outage = null;
        }
    }

    public FakeResponse Answer(ServedRequest request)
    {
        var symbol = Uri.UnescapeDataString(request.Path.Split('/')[^1]);
        var query = request.Query;
        var interval = query["interval"] == "60m" ? "1h" : query["interval"];
        var from = DateTime.UnixEpoch.AddSeconds(long.Parse(query["period1"], CultureInfo.InvariantCulture));
        var to = DateTime.UnixEpoch.AddSeconds(long.Parse(query["period2"], CultureInfo.InvariantCulture));
        List<(long Stamp, double Close)> rows;
        lock (_lock)
        {
            if (_outage is { } outage)
            {
                return outage;
            }

            if (!_bars.TryGetValue((symbol, interval), out var bars))
            {
                return new FakeResponse(404, File.ReadAllText(FakeResponse.FixturePath("not-found.json")));
            }

            rows = [.. bars.Select(b => (Stamp(b.Key, interval), b.Value)).Where(r => (IgnoresPeriodStart || r.Item1 >= Seconds(from)) && r.Item1 <= Seconds(to))];
        }

        return new FakeResponse(200, Chart(symbol, interval, rows));
    }

    /// <summary>Yahoo stamps a daily bar at its session's open, an intraday bar at its start.</summary>
    private static long Stamp(DateTime time, string interval) => interval == "1d"
        ? Seconds(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(time.Date.AddHours(9.5), DateTimeKind.Unspecified), NewYork))
        : Seconds(time);

    private static long Seconds(DateTime utc) => (long)(utc - DateTime.UnixEpoch).TotalSeconds;

    private static string Chart(string symbol, string interval, List<(long Stamp, double Close)> rows)
    {
        static string Column(IEnumerable<double> values) => "[" + string.Join(",", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]";

        var granularity = interval == "1h" ? "60m" : interval;
        var meta = $"\"meta\":{{\"currency\":\"USD\",\"symbol\":\"{symbol}\",\"exchangeName\":\"NMS\",\"instrumentType\":\"EQUITY\",\"gmtoffset\":-18000,\"timezone\":\"EST\",\"dataGranularity\":\"{granularity}\",\"exchangeTimezoneName\":\"America/New_York\"}}";
        if (rows.Count == 0)
        {
            return $"{{\"chart\":{{\"result\":[{{{meta},\"indicators\":{{\"quote\":[{{}}]}}}}],\"error\":null}}}}";
        }

        var closes = rows.Select(r => r.Close).ToArray();
        var quote = $"\"open\":{Column(closes.Select(c => c - 0.5))},\"high\":{Column(closes.Select(c => c + 1))},\"low\":{Column(closes.Select(c => c - 1))},\"close\":{Column(closes)},\"volume\":{Column(closes.Select(_ => 1000.0))}";
        var adjusted = interval == "1d" ? $",\"adjclose\":[{{\"adjclose\":{Column(closes)}}}]" : string.Empty;
        var timestamps = "[" + string.Join(",", rows.Select(r => r.Stamp.ToString(CultureInfo.InvariantCulture))) + "]";
        return $"{{\"chart\":{{\"result\":[{{{meta},\"timestamp\":{timestamps},\"indicators\":{{\"quote\":[{{{quote}}}]{adjusted}}}}}],\"error\":null}}}}";
    }
}
