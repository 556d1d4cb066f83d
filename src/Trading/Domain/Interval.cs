using System.Diagnostics.CodeAnalysis;

namespace Trading.Domain;

/// <summary>The length of one bar, spelled as Yahoo spells it (1m 5m 15m 30m 1h 1d 1wk 1mo).</summary>
public readonly record struct Interval
{
    private readonly string? _code;

    private Interval(string code, TimeSpan nominalLength, bool isIntraday)
    {
        _code = code;
        NominalLength = nominalLength;
        IsIntraday = isIntraday;
    }

    public static readonly Interval OneMinute = new("1m", TimeSpan.FromMinutes(1), true);
    public static readonly Interval FiveMinutes = new("5m", TimeSpan.FromMinutes(5), true);
    public static readonly Interval FifteenMinutes = new("15m", TimeSpan.FromMinutes(15), true);
    public static readonly Interval ThirtyMinutes = new("30m", TimeSpan.FromMinutes(30), true);
    public static readonly Interval OneHour = new("1h", TimeSpan.FromHours(1), true);
    public static readonly Interval Daily = new("1d", TimeSpan.FromDays(1), false);
    public static readonly Interval Weekly = new("1wk", TimeSpan.FromDays(7), false);
    public static readonly Interval Monthly = new("1mo", TimeSpan.FromDays(30), false);

    /// <summary>Every supported interval, shortest first.</summary>
    public static IReadOnlyList<Interval> All { get; } =
        [OneMinute, FiveMinutes, FifteenMinutes, ThirtyMinutes, OneHour, Daily, Weekly, Monthly];

    /// <summary>The code used on the command line, in the API and in storage: "1d", "1wk", ...</summary>
    public string Code => _code ?? Daily.Code;

    /// <summary>The bar length; months are taken as 30 days, which is only used for sizing, never for stamping.</summary>
    public TimeSpan NominalLength { get; }

    /// <summary>True for bars shorter than a session; such bars are stamped with their UTC start time, not a date.</summary>
    public bool IsIntraday { get; }

    /// <summary>How a bar time of this interval is written: yyyy-MM-dd for daily and longer bars, ISO-8601 UTC
    /// (2024-03-01T14:30:00Z) for intraday ones. Files, tables and messages all use this one form.</summary>
    public string Format(DateTime time) => IsIntraday
        ? time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)
        : time.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static Interval Parse(string? code)
    {
        if (TryParse(code, out var interval))
        {
            return interval;
        }

        throw new ArgumentException(
            $"'{code}' is not a valid interval; valid intervals are {string.Join(", ", All.Select(i => i.Code))}.",
            nameof(code));
    }

    public static bool TryParse([NotNullWhen(true)] string? code, out Interval interval)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.Code, code, StringComparison.Ordinal))
            {
                interval = candidate;
                return true;
            }
        }

        interval = default;
        return false;
    }

    public bool Equals(Interval other) => Code == other.Code;

    public override int GetHashCode() => Code.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => Code;
}
