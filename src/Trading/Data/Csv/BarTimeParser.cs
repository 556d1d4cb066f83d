using System.Globalization;
using System.Text;
using Trading.Domain;

namespace Trading.Data.Csv;

/// <summary>Turns a file's date or time into a bar time as <see cref="BarFileFormat"/> says: intraday bars at their
/// UTC start, longer bars at their date.</summary>
/// <remarks>
/// A time with an offset (or Z, or an epoch number) is an instant; one without is a wall-clock time of the file's
/// zone (UTC when none is given). A wall-clock time the zone skips (spring forward) or lives twice (fall back) is a
/// problem, never shifted. For daily and longer bars a written date is the trading day whatever the zone; an
/// instant's trading day is its date in the zone (UTC when none is given).
/// </remarks>
internal sealed class BarTimeParser
{
    private const int MaxLength = 64;

    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd",
        "yyyyMMdd",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd HH:mmK",
        "yyyy/MM/dd",
        "yyyy/MM/dd HH:mm:ss.FFFFFFFK",
        "yyyy/MM/dd HH:mmK",
    ];

    private readonly string? _format;
    private readonly TimeZoneInfo? _zone;
    private readonly bool _intraday;

    public BarTimeParser(BarFileFormat format, Interval interval)
    {
        format.Validate();
        _format = format.DateFormat;
        _zone = format.ResolveZone();
        _intraday = interval.IsIntraday;
    }

    private bool IsEpoch => _format is BarFileFormat.UnixSeconds or BarFileFormat.UnixMilliseconds;

    public bool TryParse(ReadOnlySpan<byte> utf8, out DateTime time, out string? problem)
    {
        if (_format is null && TryIsoDate(utf8, out var date))
        {
            return FromWallClock(date, out time, out problem);
        }

        Span<char> chars = stackalloc char[MaxLength];
        if (utf8.Length > MaxLength)
        {
            time = default;
            problem = NotADate(Shorten(Encoding.UTF8.GetString(utf8[..MaxLength])));
            return false;
        }

        var length = Encoding.UTF8.GetChars(utf8, chars);
        return TryParse(chars[..length], out time, out problem);
    }

    public bool TryParse(ReadOnlySpan<char> text, out DateTime time, out string? problem)
    {
        if (IsEpoch)
        {
            return TryEpoch(text, out time, out problem);
        }

        var parsed = default(DateTime);
        var ok = _format is null
            ? DateTime.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out parsed)
            : DateTime.TryParseExact(text, _format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out parsed);
        if (!ok)
        {
            time = default;
            problem = NotADate(Shorten(text.ToString()));
            return false;
        }

        // AdjustToUniversal marks a time that carried an offset as UTC and leaves one without it unspecified.
        return parsed.Kind == DateTimeKind.Utc ? FromInstant(parsed, out time, out problem) : FromWallClock(parsed, out time, out problem);
    }

    public bool TryConvert(in BarFileTime value, out DateTime time, out string? problem)
    {
        switch (value.Kind)
        {
            case BarFileTimeKind.Instant:
                return FromInstant(value.Value, out time, out problem);
            case BarFileTimeKind.WallClock:
            case BarFileTimeKind.Date:
                return FromWallClock(value.Value, out time, out problem);
            case BarFileTimeKind.Text:
                return TryParse(value.Text.AsSpan(), out time, out problem);
            case BarFileTimeKind.Epoch when IsEpoch:
                return FromEpoch(value.Number, value.Number.ToString(CultureInfo.InvariantCulture), out time, out problem);
            case BarFileTimeKind.Epoch:
                // An integer date such as 20200102 reads with the date format (yyyyMMdd by default).
                var number = value.Number.ToString(CultureInfo.InvariantCulture);
                if (TryParse(number.AsSpan(), out time, out problem))
                {
                    return true;
                }

                problem = $"{problem}; a date column of integers takes the date format {BarFileFormat.UnixSeconds}, {BarFileFormat.UnixMilliseconds} or one like yyyyMMdd";
                return false;
            default:
                time = default;
                problem = "date is empty";
                return false;
        }
    }

    private bool FromInstant(DateTime utc, out DateTime time, out string? problem)
    {
        problem = null;
        if (_intraday)
        {
            time = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        }
        else
        {
            var local = _zone is null ? utc : TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _zone);
            time = DateTime.SpecifyKind(local.Date, DateTimeKind.Utc);
        }

        return true;
    }

    private bool FromWallClock(DateTime local, out DateTime time, out string? problem)
    {
        problem = null;
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (!_intraday)
        {
            time = DateTime.SpecifyKind(local.Date, DateTimeKind.Utc);
            return true;
        }

        if (_zone is null)
        {
            time = DateTime.SpecifyKind(local, DateTimeKind.Utc);
            return true;
        }

        if (_zone.IsInvalidTime(local))
        {
            time = default;
            problem = $"{Wall(local)} does not exist in {_zone.Id} (the clocks went forward)";
            return false;
        }

        if (_zone.IsAmbiguousTime(local))
        {
            var offsets = _zone.GetAmbiguousTimeOffsets(local).Order().Select(Offset);
            time = default;
            problem = $"{Wall(local)} happens twice in {_zone.Id} (the clocks went back); write it with its offset ({string.Join(" or ", offsets)})";
            return false;
        }

        time = TimeZoneInfo.ConvertTimeToUtc(local, _zone);
        return true;
    }

    private bool TryEpoch(ReadOnlySpan<char> text, out DateTime time, out string? problem)
    {
        if (_format == BarFileFormat.UnixSeconds
            && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            && seconds is > -62_135_596_800m and < 253_402_300_800m)
        {
            return FromInstant(DateTime.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond)), out time, out problem);
        }

        if (_format == BarFileFormat.UnixMilliseconds && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms))
        {
            return FromEpoch(ms, text.ToString(), out time, out problem);
        }

        time = default;
        problem = NotADate(Shorten(text.ToString()));
        return false;
    }

    private bool FromEpoch(long number, string text, out DateTime time, out string? problem)
    {
        var seconds = _format == BarFileFormat.UnixSeconds;
        var limit = seconds ? 253_402_300_799L : 253_402_300_799_999L;
        var floor = seconds ? -62_135_596_800L : -62_135_596_800_000L;
        if (number < floor || number > limit)
        {
            time = default;
            problem = NotADate(text);
            return false;
        }

        return FromInstant(seconds ? DateTime.UnixEpoch.AddSeconds(number) : DateTime.UnixEpoch.AddMilliseconds(number), out time, out problem);
    }

    private string NotADate(string text) => _format switch
    {
        null when text.Contains('/', StringComparison.Ordinal) || (text.Length >= 8 && text[2] == '.' && text[5] == '.') =>
            $"'{text}' is not a date (expected yyyy-MM-dd or an ISO-8601 time; a date like 03/04/2020 needs a date format such as dd/MM/yyyy or MM/dd/yyyy)",
        null => $"'{text}' is not a date (expected yyyy-MM-dd or an ISO-8601 time)",
        BarFileFormat.UnixSeconds => $"'{text}' is not a unix time in seconds",
        BarFileFormat.UnixMilliseconds => $"'{text}' is not a unix time in whole milliseconds",
        _ => $"'{text}' does not match the date format {_format}",
    };

    /// <summary>yyyy-MM-dd and yyyyMMdd without the general parser: most files are daily and this is their hot path.</summary>
    private static bool TryIsoDate(ReadOnlySpan<byte> field, out DateTime date)
    {
        date = default;
        int year, month, day;
        if (field.Length == 10 && field[4] == (byte)'-' && field[7] == (byte)'-')
        {
            if (!TryDigits(field[..4], out year) || !TryDigits(field[5..7], out month) || !TryDigits(field[8..10], out day))
            {
                return false;
            }
        }
        else if (field.Length != 8 || !TryDigits(field[..4], out year) || !TryDigits(field[4..6], out month) || !TryDigits(field[6..8], out day))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> digits, out int value)
    {
        value = 0;
        foreach (var b in digits)
        {
            var d = b - '0';
            if ((uint)d > 9)
            {
                return false;
            }

            value = (value * 10) + d;
        }

        return true;
    }

    private static string Wall(DateTime local) =>
        local.ToString(local.Second == 0 && local.Millisecond == 0 ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
