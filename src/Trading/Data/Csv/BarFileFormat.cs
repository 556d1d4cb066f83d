using System.Globalization;

namespace Trading.Data.Csv;

/// <summary>How to read a user's bar file (CSV or Parquet): which columns hold what, how its dates are written and,
/// for times written without an offset, the zone they are local to. The default reads Yahoo's and plain OHLCV
/// files as before.</summary>
/// <remarks>
/// Held by a run's configuration as it is; <see cref="Validate"/> checks it before any file is read.
/// </remarks>
public sealed record BarFileFormat
{
    /// <summary>Epoch seconds (fractions allowed) as a <see cref="DateFormat"/>.</summary>
    public const string UnixSeconds = "unix";

    /// <summary>Epoch milliseconds (whole) as a <see cref="DateFormat"/>.</summary>
    public const string UnixMilliseconds = "unix_ms";

    public static BarFileFormat Default { get; } = new();

    public ColumnMapping Columns { get; init; } = ColumnMapping.None;

    /// <summary>A .NET custom date and time format (<c>yyyyMMdd</c>, <c>dd/MM/yyyy</c>, <c>MM/dd/yyyy HH:mm</c>),
    /// read exactly in the invariant culture, or <see cref="UnixSeconds"/> or <see cref="UnixMilliseconds"/>.
    /// Null: yyyy-MM-dd, yyyy/MM/dd, yyyyMMdd and ISO-8601 times only, never a guess between day and month first.</summary>
    public string? DateFormat { get; init; }

    /// <summary>The IANA zone (America/New_York) that times written without an offset are local to; null: UTC.
    /// A date alone is the trading day in any zone.</summary>
    public string? TimeZone { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming a format or zone that cannot be used.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Columns);
        _ = ResolveZone();
        if (DateFormat is null or UnixSeconds or UnixMilliseconds)
        {
            return;
        }

        // A format is usable when what it writes, it reads back: "%" or "" is not, "yyyyMMdd" is.
        var sample = new DateTime(2001, 12, 31, 13, 45, 56, DateTimeKind.Unspecified);
        string written;
        try
        {
            written = DateFormat.Length == 0 ? string.Empty : sample.ToString(DateFormat, CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            written = string.Empty;
        }

        if (written.Length == 0 || !DateTime.TryParseExact(written, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out _))
        {
            throw new ArgumentException(
                $"the date format '{DateFormat}' is not a .NET date format (like yyyyMMdd, dd/MM/yyyy or MM/dd/yyyy HH:mm), nor {UnixSeconds} or {UnixMilliseconds}",
                nameof(DateFormat));
        }
    }

    internal TimeZoneInfo? ResolveZone()
    {
        if (TimeZone is null)
        {
            return null;
        }

        return !string.IsNullOrWhiteSpace(TimeZone) && TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone)
            ? zone
            : throw new ArgumentException($"'{TimeZone}' is not a time zone this machine knows; give an IANA id like America/New_York, Europe/London or UTC", nameof(TimeZone));
    }
}
