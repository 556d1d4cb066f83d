using System.Globalization;
using Trading.Domain;
using Trading.Server.Hosting;

namespace Trading.Server.Data;

/// <summary>What a request asks of one series: an interval and an inclusive range of days, checked against the
/// limits a server keeps (dates in <see cref="BarRule"/>'s range, end not before start, at most so many bars).</summary>
/// <param name="From">UTC midnight of the first day, or null for the first bar stored.</param>
/// <param name="To">The last tick of the last day (so intraday bars of that day count), or null for the last bar.</param>
internal sealed record BarRange(Interval Interval, DateTime? From, DateTime? To)
{
    public static readonly DateOnly Earliest = BarRule.EarliestDate;
    public static readonly DateOnly Latest = BarRule.LatestDate;

    /// <summary>Parses the original's query or body fields (<c>start_date</c>, <c>end_date</c>, <c>interval</c>),
    /// adding a problem per bad field to <paramref name="errors"/>; null when any field is bad.</summary>
    public static BarRange? Parse(string? startDate, string? endDate, string? interval, int maxBars, RequestErrors errors)
    {
        var start = ParseDate(startDate, "start_date", errors);
        var end = ParseDate(endDate, "end_date", errors);
        Interval parsed = default;
        if (interval is not null && !Interval.TryParse(interval, out parsed))
        {
            errors.Add("interval", $"'{Shorten(interval)}' is not an interval; valid: {string.Join(", ", Interval.All.Select(i => i.Code))}");
        }
        else if (interval is null)
        {
            parsed = Interval.Daily;
        }

        if (start is { } s && end is { } e && e < s)
        {
            errors.Add("end_date", $"end_date {e:yyyy-MM-dd} is before start_date {s:yyyy-MM-dd}");
        }

        if (errors.Any)
        {
            return null;
        }

        var from = start is { } first ? first.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : (DateTime?)null;
        var to = end is { } last ? last.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc) : (DateTime?)null;

        // Open ends are bounded by what is stored, but a span this long could still ask for more bars than a response
        // should carry; only intraday intervals can get there within the allowed dates.
        var span = (to ?? Latest.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Utc)) - (from ?? Earliest.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var bars = span.Ticks / parsed.NominalLength.Ticks;
        if (bars > maxBars && (from is not null || to is not null || parsed.IsIntraday))
        {
            var message = $"the range spans about {bars:N0} {parsed.Code} bars; at most {maxBars:N0} may be asked for at once (narrow start_date and end_date)";
            errors.Add("start_date", message);
            errors.Add("end_date", message);
            return null;
        }

        return new BarRange(parsed, from, to);
    }

    /// <summary>"between 2023-01-02 and 2023-04-09", for messages.</summary>
    public string Describe() => (From, To) switch
    {
        (null, null) => "in any range",
        _ => $"between {From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "the first bar"} and {To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "the last bar"}",
    };

    public string? StartText => From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string? EndText => To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? ParseDate(string? text, string field, RequestErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(field, $"'{Shorten(text)}' is not a date; write it as yyyy-MM-dd, e.g. 2023-01-02");
            return null;
        }

        if (date < Earliest || date > Latest)
        {
            errors.Add(field, $"{date:yyyy-MM-dd} is outside the dates this server keeps ({Earliest:yyyy-MM-dd} to {Latest:yyyy-MM-dd})");
            return null;
        }

        return date;
    }

    internal static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
