namespace Trading.Data.Csv;

/// <summary>A row's time as a typed file (Parquet) holds it, before the import makes it a bar time: an instant, a
/// wall-clock time of the file's zone, a date, an epoch number or text read with the file's date format.</summary>
public readonly struct BarFileTime
{
    private BarFileTime(BarFileTimeKind kind, DateTime value, long number, string? text)
    {
        Kind = kind;
        Value = value;
        Number = number;
        Text = text;
    }

    public BarFileTimeKind Kind { get; }

    public DateTime Value { get; }

    public long Number { get; }

    public string? Text { get; }

    public static BarFileTime Missing => default;

    /// <summary>A point in time (a Parquet timestamp adjusted to UTC).</summary>
    public static BarFileTime Instant(DateTime utc) => new(BarFileTimeKind.Instant, DateTime.SpecifyKind(utc, DateTimeKind.Utc), 0, null);

    /// <summary>A time on the file zone's clock (a Parquet timestamp not adjusted to UTC).</summary>
    public static BarFileTime WallClock(DateTime local) => new(BarFileTimeKind.WallClock, DateTime.SpecifyKind(local, DateTimeKind.Unspecified), 0, null);

    /// <summary>A calendar date: the trading day in any zone.</summary>
    public static BarFileTime Date(DateOnly date) => new(BarFileTimeKind.Date, date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), 0, null);

    /// <summary>An integer read with the file's epoch format (<c>unix</c> or <c>unix_ms</c>).</summary>
    public static BarFileTime Epoch(long number) => new(BarFileTimeKind.Epoch, default, number, null);

    /// <summary>Text read with the file's date format, as a CSV field is.</summary>
    public static BarFileTime FromText(string text) => new(BarFileTimeKind.Text, default, 0, text);
}

/// <summary>What a <see cref="BarFileTime"/> holds.</summary>
public enum BarFileTimeKind
{
    Missing,
    Instant,
    WallClock,
    Date,
    Epoch,
    Text,
}
