namespace Trading.Domain;

/// <summary>One OHLCV bar. <see cref="Time"/> is UTC: the session date at midnight for daily and longer bars,
/// the bar's start for intraday bars.</summary>
public readonly record struct Bar(DateTime Time, double Open, double High, double Low, double Close, double Volume)
{
    /// <summary>Why this bar cannot be real, or null when it is consistent.</summary>
    /// <remarks>Open and close may sit outside [low, high] in some vendors' data by a rounding hair; we only refuse
    /// what no market can print: high under low, negative or non-finite prices and volumes.</remarks>
    public string? Problem()
    {
        if (!double.IsFinite(Open) || !double.IsFinite(High) || !double.IsFinite(Low) || !double.IsFinite(Close))
        {
            return "a price is not a finite number";
        }

        if (Open < 0 || High < 0 || Low < 0 || Close < 0)
        {
            return "a price is negative";
        }

        if (!double.IsFinite(Volume) || Volume < 0)
        {
            return "volume is negative or not a finite number";
        }

        if (High < Low)
        {
            return $"high {High} is below low {Low}";
        }

        return null;
    }
}
