namespace Trading.Domain;

/// <summary>One OHLCV bar. <see cref="Time"/> is UTC: the session date at midnight for daily and longer bars,
/// the bar's start for intraday bars.</summary>
public readonly record struct Bar(DateTime Time, double Open, double High, double Low, double Close, double Volume)
{
    /// <summary>Why this bar breaks the <see cref="BarRule"/>, or null when it keeps it.</summary>
    public string? Problem() => BarRule.Problem(Time, Open, High, Low, Close, Volume);
}
