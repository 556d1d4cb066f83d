using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Trading.Domain;

namespace Trading.Data.Yahoo;

/// <summary>Historical bars, splits and dividends from Yahoo Finance's v8 chart API, with prices as traded.</summary>
/// <remarks>
/// A typed HTTP client: register it with <see cref="YahooFinanceServiceCollectionExtensions.AddYahooFinance"/>, which
/// puts retries, timeouts and a circuit breaker in front of it (or use <see cref="YahooFinanceHost"/> without a
/// host). Every failure surfaces as <see cref="MarketDataUnavailableException"/> with a one-line message naming the
/// symbol, so a caller fetching many symbols can report each one and carry on.
/// </remarks>
public sealed partial class YahooFinanceProvider : IMarketDataProvider
{
    private readonly HttpClient _http;
    private readonly YahooFinanceOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<YahooFinanceProvider> _logger;

    public YahooFinanceProvider(
        HttpClient http,
        IOptions<YahooFinanceOptions> options,
        TimeProvider clock,
        ILogger<YahooFinanceProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(logger);
        _http = http;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
    }

    public string Name => "Yahoo Finance";

    public async Task<MarketDataBatch> FetchAsync(
        Symbol symbol,
        Interval interval,
        DateTime from,
        DateTime to,
        CancellationToken cancellationToken = default)
    {
        var chart = await FetchChartAsync(symbol, interval, from, to, cancellationToken).ConfigureAwait(false);
        return chart.ToBatch();
    }

    /// <summary>
    /// Bars stamped within [<paramref name="from"/>, <paramref name="to"/>] (UTC, inclusive) at prices as traded,
    /// the splits and dividends with ex-dates on those days, Yahoo's adjusted close and the count of null rows.
    /// </summary>
    /// <exception cref="MarketDataUnavailableException">Yahoo could not be reached, refused, or has no such symbol.</exception>
    public async Task<YahooChart> FetchChartAsync(
        Symbol symbol,
        Interval interval,
        DateTime from,
        DateTime to,
        CancellationToken cancellationToken = default)
    {
        from = AsUtc(from);
        to = AsUtc(to);
        if (to < from)
        {
            throw new ArgumentException($"The range ends ({to:O}) before it starts ({from:O}).", nameof(to));
        }

        var uri = ChartUri(symbol, interval, from, to);
        using var document = await GetChartAsync(uri, symbol, cancellationToken).ConfigureAwait(false);
        YahooChart parsed;
        try
        {
            parsed = YahooChartParser.Parse(document.RootElement, symbol, interval);
        }
        catch (FormatException e)
        {
            throw new MarketDataUnavailableException($"Yahoo Finance sent an unreadable chart for {symbol}: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            // A bar series or corporate action refused what Yahoo sent (unsorted times, a zero ratio).
            throw new MarketDataUnavailableException($"Yahoo Finance sent an inconsistent chart for {symbol}: {OneLine(e.Message)}", e);
        }

        var chart = parsed.AsTraded().Within(from, to).WithoutInvalidBars();
        if (chart.SkippedNullBars > 0)
        {
            LogSkippedNullBars(chart.SkippedNullBars, symbol, interval);
        }

        foreach (var dropped in chart.DroppedBars)
        {
            LogDroppedBar(symbol, interval, interval.Format(dropped.Time), dropped.Problem);
        }

        return chart;
    }

    /// <summary>The request for [from, now]: bars up to <paramref name="to"/> suffice, but the split events must reach
    /// today, because Yahoo's prices are adjusted for every split up to today and <see cref="YahooChart.AsTraded"/>
    /// must know them all.</summary>
    internal Uri ChartUri(Symbol symbol, Interval interval, DateTime from, DateTime to)
    {
        // A daily bar is stamped with its local date, but Yahoo stamps it at the local open, which for Sydney or
        // Auckland is the previous UTC day; a day of margin keeps such a bar, and Within() trims the extra.
        var start = interval.IsIntraday ? from : from.AddDays(-1);
        var now = _clock.GetUtcNow().UtcDateTime;
        var end = to > now ? to : now;
        var query = string.Create(
            CultureInfo.InvariantCulture,
            $"period1={UnixSeconds(start)}&period2={UnixSeconds(end)}&interval={YahooInterval(interval)}&events=div,split&includePrePost=false");
        var baseText = _options.BaseAddress.AbsoluteUri.TrimEnd('/');
        return new Uri($"{baseText}/v8/finance/chart/{Uri.EscapeDataString(symbol.Value)}?{query}");
    }

    private async Task<JsonDocument> GetChartAsync(Uri uri, Symbol symbol, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            throw new MarketDataUnavailableException(
                string.Create(CultureInfo.InvariantCulture, $"Yahoo Finance sent more than {_options.MaxChartBytes:N0} bytes for {symbol} (Yahoo:MaxChartBytes; a chart is a few MB at most): refused"), e);
        }
        catch (HttpRequestException e) when (ConnectionFailure.Describe(e) is { } why)
        {
            throw new MarketDataUnavailableException(
                $"Yahoo Finance could not be reached for {symbol}: cannot reach {uri.Authority}: {why}", e);
        }
        catch (HttpRequestException e)
        {
            throw new MarketDataUnavailableException(
                $"Yahoo Finance could not be reached for {symbol}: {OneLine(e.Message)} (after {Attempts})", e);
        }
        catch (BrokenCircuitException e)
        {
            throw new MarketDataUnavailableException(
                $"Yahoo Finance is not being called for {symbol}: too many recent failures opened the circuit breaker; " +
                $"it closes again after {Seconds(_options.CircuitBreakerBreakDuration)}", e);
        }
        catch (TimeoutRejectedException e)
        {
            throw new MarketDataUnavailableException(
                $"Yahoo Finance did not answer for {symbol} in time: " + (e.Timeout == _options.TotalTimeout
                    ? $"gave up after {Seconds(e.Timeout)} in all"
                    : $"no answer within {Seconds(e.Timeout)} in any of {Attempts}"), e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // The socket handler's connect timeout surfaces as a cancellation nobody asked for.
            throw new MarketDataUnavailableException(
                $"Yahoo Finance could not be reached for {symbol}: cannot reach {uri.Authority}: " +
                $"no connection within {Seconds(_options.ConnectTimeout)} (no network?)", e);
        }

        using (response)
        {
            var body = await ReadBodyAsync(response, symbol, cancellationToken).ConfigureAwait(false);
            var document = TryParseJson(body);
            if (document is not null && YahooChartParser.ReadError(document.RootElement) is var (code, description))
            {
                document.Dispose();
                var reason = OneLine(Describe(code, description));
                var noData = IsNoData(response.StatusCode);
                throw new MarketDataUnavailableException(noData
                    ? $"Yahoo Finance has no data for {symbol}: {reason} ({Status(response)})"
                    : $"{StatusMessage(response, symbol)}: {reason}")
                {
                    IsNoData = noData,
                };
            }

            if (!response.IsSuccessStatusCode)
            {
                document?.Dispose();
                throw new MarketDataUnavailableException(StatusMessage(response, symbol))
                {
                    IsNoData = response.StatusCode == HttpStatusCode.NotFound,
                };
            }

            return document ?? throw new MarketDataUnavailableException(
                $"Yahoo Finance sent an unreadable chart for {symbol}: the body is not JSON ({body.Length} bytes)");
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, Symbol symbol, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new MarketDataUnavailableException(
                $"Yahoo Finance broke off the answer for {symbol}: {OneLine(e.Message)}", e);
        }
    }

    private static JsonDocument? TryParseJson(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private string StatusMessage(HttpResponseMessage response, Symbol symbol) => response.StatusCode switch
    {
        HttpStatusCode.NotFound => $"Yahoo Finance does not know the symbol {symbol} ({Status(response)})",
        HttpStatusCode.TooManyRequests => $"Yahoo Finance refused {symbol}: rate limited ({Status(response)}, {Attempts})",
        >= HttpStatusCode.InternalServerError => $"Yahoo Finance failed for {symbol}: {Status(response)} ({Attempts})",
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
            $"Yahoo Finance refused {symbol}: {Status(response)} (it may want another User-Agent or a cookie)",
        _ => $"Yahoo Finance refused {symbol}: {Status(response)}",
    };

    /// <summary>Statuses with which Yahoo's chart error means "nothing for this symbol or range", not "go away".</summary>
    private static bool IsNoData(HttpStatusCode status) =>
        (int)status is >= 200 and < 300 || status is HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity;

    private string Attempts => _options.MaxRetries == 0 ? "1 attempt" : $"{_options.MaxRetries + 1} attempts";

    private static string Status(HttpResponseMessage response) =>
        $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();

    private static string Describe(string code, string description) =>
        (code.Length, description.Length) switch
        {
            (0, 0) => "Yahoo reported an error without a description",
            (0, _) => description,
            (_, 0) => code,
            _ => $"{description} [{code}]",
        };

    private static string Seconds(TimeSpan span) =>
        string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###} s");

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static long UnixSeconds(DateTime utc) => (long)Math.Floor((utc - DateTime.UnixEpoch).TotalSeconds);

    private static DateTime AsUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => time,
        DateTimeKind.Local => time.ToUniversalTime(),
        _ => DateTime.SpecifyKind(time, DateTimeKind.Utc),
    };

    /// <summary>Yahoo's code for our interval; it calls an hour "60m".</summary>
    internal static string YahooInterval(Interval interval) => interval.Code switch
    {
        "1h" => "60m",
        var code => code,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Yahoo Finance sent {Count} null rows for {Symbol} {Interval}; they were skipped")]
    private partial void LogSkippedNullBars(int count, Symbol symbol, Interval interval);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Yahoo Finance sent a {Symbol} {Interval} bar at {Time} that breaks the bar rule ({Problem}); it was dropped")]
    private partial void LogDroppedBar(Symbol symbol, Interval interval, string time, string problem);
}
